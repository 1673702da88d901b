namespace Billing.Payments.Domain;

/// <summary>P3: an account's card as Billing keeps it — the gateway's token, brand, last four digits and expiry; never its number.</summary>
internal sealed class PaymentMethod
{
    public string AccountCode { get; set; } = string.Empty;

    public string Token { get; set; } = string.Empty;

    public string Brand { get; set; } = string.Empty;

    public string Last4 { get; set; } = string.Empty;

    public int ExpMonth { get; set; }

    public int ExpYear { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
