using Billing.Coupons.Contracts;
using Billing.SharedKernel;

namespace Billing.Coupons.Domain;

internal enum CouponState
{
    Redeemable,
    Expired,
}

internal enum ExpireReason
{
    Manual,
    RedeemBy,
    MaxRedemptions,
}

internal enum CouponType
{
    SingleCode,
    Bulk,
}

internal enum RedemptionState
{
    Active,
    Inactive,
}

internal enum InactiveReason
{
    Removed,
    DurationEnded,
    SubscriptionEnded,
}

internal static class TimeUnits
{
    /// <summary>
    /// Adds <paramref name="amount"/> units; months and years clamp to the month's last day (Jan 31 + 1 month = Feb
    /// 28/29). A duration that ends past year 9999 (9999 years) saturates to the last instant, never throws (issue 14 item 1).
    /// </summary>
    public static DateTimeOffset Add(this DateTimeOffset instant, TimeUnit unit, int amount) => unit switch
    {
        TimeUnit.Day => InstantRange.AddDays(instant, amount),
        TimeUnit.Week => InstantRange.AddDays(instant, 7L * amount),
        TimeUnit.Month => InstantRange.AddMonths(instant, amount),
        TimeUnit.Year => InstantRange.AddMonths(instant, 12L * amount),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };
}
