namespace Billing.Payments.Domain;

/// <summary>K4: what a customer is told when the gateway refuses a charge, by the gateway's decline code (P3).</summary>
internal static class Declines
{
    public static string Message(string? declineCode) => declineCode switch
    {
        "insufficient_funds" => "Your card was declined: insufficient funds (insufficient_funds).",
        "expired_card" => "Your card was declined: it has expired (expired_card).",
        "processing_error" => "Your card could not be charged: the payment processor failed; try again (processing_error).",
        _ => $"Your card was declined ({declineCode ?? "card_declined"}).",
    };
}
