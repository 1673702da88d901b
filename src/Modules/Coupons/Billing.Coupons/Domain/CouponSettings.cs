namespace Billing.Coupons.Domain;

/// <summary>Site-wide coupon settings (C17); one row.</summary>
internal sealed class CouponSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public bool MultipleCouponsPerAccount { get; set; }

    public bool OneTimeChargesDiscountable { get; set; }

    public StackingOrder StackingOrder { get; set; }

    public PercentMode PercentMode { get; set; }

    /// <summary>IANA time zone in which a date-only redeem_by ends (C6).</summary>
    public string TimeZone { get; set; } = "UTC";
}
