namespace Billing.Payments.Domain;

/// <summary>P3: an account's card as Billing keeps it — the gateway's token, brand, last four digits and expiry; never its number.</summary>
internal sealed class PaymentMethod
{
    public string AccountCode { get; init; } = string.Empty;

    public string Token { get; init; } = string.Empty;

    public string Brand { get; init; } = string.Empty;

    public string Last4 { get; init; } = string.Empty;

    public int ExpMonth { get; init; }

    public int ExpYear { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
