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
    public static string Describe(RedemptionDto redemption, DurationSpec duration) => duration.Type switch
    {
        "forever" => "forever",
        "single_use" => redemption.PeriodsDiscounted == 0 ? "once, on your next invoice" : "used",
        "billing_periods" when duration.Periods is { } periods => $"{Math.Max(0, periods - redemption.PeriodsDiscounted)} of {periods} billing period(s) left",
        "temporal" when duration.Amount is { } amount && EndOf(redemption.CreatedAt, duration.Unit, amount) is { } end =>
            $"until {end.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        _ => duration.Type,
    };

    private static DateTimeOffset? EndOf(DateTimeOffset redeemedAt, string? unit, int amount) => unit switch
    {
        "day" => InstantRange.AddDays(redeemedAt, amount),
        "week" => InstantRange.AddDays(redeemedAt, 7L * amount),
        "month" => InstantRange.AddMonths(redeemedAt, amount),
        "year" => InstantRange.AddMonths(redeemedAt, 12L * amount),
        _ => null,
    };
}
