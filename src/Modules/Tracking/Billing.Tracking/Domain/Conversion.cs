namespace Billing.Tracking.Domain;

/// <summary>T1: conversions name their type by code; <c>sale</c> exists by default.</summary>
internal sealed class ConversionType
{
    public const string Sale = "sale";
    public const string CouponRedeem = "couponredeem";

    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>T5 statuses.</summary>
internal enum ConversionStatus
{
    Approved,
    Pending,
    OnHold,
    Rejected,
    Refunded,
    Fraud,
}

/// <summary>A conversion of the affiliate ledger (seed 000): a coupon redeem that opened a cid, or a sale on it.</summary>
internal sealed class Conversion
{
    public string Id { get; set; } = string.Empty;

    public string Cid { get; set; } = string.Empty;

    public string ConversionTypeCode { get; set; } = string.Empty;

    public ConversionStatus Status { get; set; }

    public string? CouponCode { get; set; }

    /// <summary>Unique per conversion type (T3).</summary>
    public string? ExternalId { get; set; }

    /// <summary>Amount in minor units of <see cref="Currency"/>.</summary>
    public long? AmountMinor { get; set; }

    public string? Currency { get; set; }

    public string GeoLocation { get; set; } = "US";

    public string? AccountCode { get; set; }

    public string? SubscriptionId { get; set; }

    public string? RedemptionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
