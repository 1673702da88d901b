using System.Globalization;
using Billing.Coupons.Contracts;
using Billing.SharedKernel;

namespace Billing.Host.MyAccount;

/// <summary>
/// How much of a running coupon's duration is left, in words (C5, R5): counted periods left, the end of a temporal
/// duration (redeemed_at + its length, as the Coupons module sets it), or forever. Words only: the module ends the redemption.
/// </summary>
internal static class CouponRemaining
{
    public static string Describe(RedemptionDto redemption, DurationSpec duration) => Wire<DurationType>.TryParse(duration.Type, out var type) ? type switch
    {
        DurationType.Forever => "forever",
        DurationType.SingleUse => redemption.PeriodsDiscounted == 0 ? "once, on your next invoice" : "used",
        DurationType.BillingPeriods when duration.Periods is { } periods => $"{Math.Max(0, periods - redemption.PeriodsDiscounted)} of {periods} billing period(s) left",
        DurationType.Temporal when duration.Amount is { } amount && Wire<TimeUnit>.TryParse(duration.Unit, out var unit) =>
            $"until {EndOf(redemption.CreatedAt, unit, amount).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        _ => duration.Type,
    } : duration.Type;

    private static DateTimeOffset EndOf(DateTimeOffset redeemedAt, TimeUnit unit, int amount) => unit switch
    {
        TimeUnit.Day => InstantRange.AddDays(redeemedAt, amount),
        TimeUnit.Week => InstantRange.AddDays(redeemedAt, 7L * amount),
        TimeUnit.Month => InstantRange.AddMonths(redeemedAt, amount),
        _ => InstantRange.AddMonths(redeemedAt, 12L * amount),
    };
}
