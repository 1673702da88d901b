namespace Billing.Tracking.Domain;

/// <summary>
/// P7: a paid invoice with a positive total on a subscription, as Tracking learned of it. Kept so that its sale is
/// recorded whichever arrives first: the invoice's payment, or the redemption that opened its cid.
/// </summary>
internal sealed class PaidInvoice
{
    public long Number { get; init; }

    public string AccountCode { get; init; } = string.Empty;

    public string SubscriptionId { get; init; } = string.Empty;

    public string Currency { get; init; } = string.Empty;

    public long TotalMinor { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset PaidAt { get; init; }

    /// <summary>P7: refunded in full; its sale, whenever recorded, is <c>refunded</c>.</summary>
    public bool Refunded { get; private set; }

    /// <summary>P7: the invoice was refunded in full.</summary>
    public void MarkRefunded() => Refunded = true;
}
