using Billing.Coupons.Contracts;

namespace Billing.Coupons.Domain;

/// <summary>Site-wide coupon settings (C17); one row.</summary>
internal sealed class CouponSettings
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    public bool MultipleCouponsPerAccount { get; private set; }

    public bool OneTimeChargesDiscountable { get; private set; }

    public StackingOrder StackingOrder { get; private set; }

    public PercentMode PercentMode { get; private set; }

    /// <summary>IANA time zone in which a date-only redeem_by ends (C6).</summary>
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>C17: changes the settings given; null keeps a setting as it is.</summary>
    public void Change(bool? multipleCouponsPerAccount, bool? oneTimeChargesDiscountable, StackingOrder? stackingOrder, PercentMode? percentMode, string? timeZone)
    {
        MultipleCouponsPerAccount = multipleCouponsPerAccount ?? MultipleCouponsPerAccount;
        OneTimeChargesDiscountable = oneTimeChargesDiscountable ?? OneTimeChargesDiscountable;
        StackingOrder = stackingOrder ?? StackingOrder;
        PercentMode = percentMode ?? PercentMode;
        TimeZone = timeZone ?? TimeZone;
    }
}
