namespace Billing.Tracking.Domain;

/// <summary>
/// P7: a paid invoice with a positive total on a subscription, as Tracking learned of it. Kept so that its sale is
/// recorded whichever arrives first: the invoice's payment, or the redemption that opened its cid.
/// </summary>
internal sealed class PaidInvoice
{
    public long Number { get; set; }

    public string AccountCode { get; set; } = string.Empty;

    public string SubscriptionId { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public long TotalMinor { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset PaidAt { get; set; }

    /// <summary>P7: refunded in full; its sale, whenever recorded, is <c>refunded</c>.</summary>
    public bool Refunded { get; set; }
}
