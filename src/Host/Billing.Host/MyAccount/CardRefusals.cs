namespace Billing.Host.MyAccount;

/// <summary>
/// P3 + P4: why a new card did not pay an unpaid invoice, in the customer's words: the gateway's decline code is kept
/// for the page's markup (and the logs), never shown raw, and neither is the invoice's state name.
/// </summary>
internal static class CardRefusals
{
    public static string Describe(string last4, long invoiceNumber, string? declineCode) =>
        $"Your card ending in {last4} is saved, but {Reason(declineCode)} for invoice {invoiceNumber}, which is still unpaid. Try another card.";

    private static string Reason(string? declineCode) => declineCode switch
    {
        "insufficient_funds" => "it was declined for insufficient funds",
        "expired_card" => "it was declined as expired",
        "processing_error" => "the payment processor could not charge it",
        _ => "it was declined",
    };
}
