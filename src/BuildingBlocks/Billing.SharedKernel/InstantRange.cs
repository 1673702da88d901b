using System.Globalization;

namespace Billing.SharedKernel;

/// <summary>
/// The instants and dates the API accepts, far from <see cref="DateTimeOffset"/>'s limits (issue 14 item 1): instants
/// from <see cref="Earliest"/> to <see cref="Latest"/> (2000-01-01T00:00:00Z to 2200-01-01T00:00:00Z, both included),
/// dates from <see cref="EarliestDate"/> to <see cref="LatestDate"/> (2000-01-01 to 2199-12-31). Every input that
/// names a time — the test clock, <c>redeem_by</c>, report and export <c>from</c>/<c>to</c>, the Recurly surface's
/// <c>begin_time</c>/<c>end_time</c> — is refused outside it with 400 <c>validation_failed</c> naming the field. Within
/// it, every period, trial and duration the rules can add (at most 999-year plan intervals and trials, 9999-unit coupon
/// durations) stays representable; <see cref="AddMonths"/> and <see cref="AddDays"/> saturate rather than throw.
/// </summary>
public static class InstantRange
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    public static bool Contains(DateTimeOffset instant) => instant >= Earliest && instant <= Latest;

    public static bool Contains(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>The validation message for an instant field out of range (or unreadable).</summary>
    public static string InstantRule(string field) =>
        $"{field} is an ISO 8601 UTC instant from {Text(Earliest)} to {Text(Latest)}, such as 2030-01-01T09:00:00Z.";

    /// <summary>The validation message for a field that takes a date or an instant.</summary>
    public static string DateOrInstantRule(string field) =>
        $"{field} is a date from {Text(EarliestDate)} to {Text(LatestDate)} or an ISO 8601 UTC instant from {Text(Earliest)} to {Text(Latest)} (2030-01-31 or 2030-01-31T00:00:00Z).";

    /// <summary>The validation message for a date field.</summary>
    public static string DateRule(string field) =>
        $"{field} is a UTC date written yyyy-MM-dd from {Text(EarliestDate)} to {Text(LatestDate)}, such as 2030-11-01.";

    /// <summary>
    /// <paramref name="instant"/> plus <paramref name="months"/> calendar months (a month end clamps: Jan 31 + 1 month
    /// = Feb 28/29); <see cref="DateTimeOffset.MaxValue"/> or <see cref="DateTimeOffset.MinValue"/> where the result
    /// would not be representable, never an exception.
    /// </summary>
    public static DateTimeOffset AddMonths(DateTimeOffset instant, long months)
    {
        long target = (instant.Year * 12L) + instant.Month - 1 + months;
        return target > (9999 * 12L) + 11 ? DateTimeOffset.MaxValue
            : target < 12 ? DateTimeOffset.MinValue
            : Saturating(() => instant.AddMonths((int)months), months);
    }

    /// <summary><paramref name="instant"/> plus <paramref name="days"/> days, saturating like <see cref="AddMonths"/>.</summary>
    public static DateTimeOffset AddDays(DateTimeOffset instant, long days) =>
        days > (DateTimeOffset.MaxValue - instant).TotalDays ? DateTimeOffset.MaxValue
        : days < (DateTimeOffset.MinValue - instant).TotalDays ? DateTimeOffset.MinValue
        : Saturating(() => instant.AddDays(days), days);

    private static DateTimeOffset Saturating(Func<DateTimeOffset> add, long direction)
    {
        try
        {
            return add();
        }
        catch (ArgumentOutOfRangeException)
        {
            // The last day of year 9999 (or the first of year 1) with a time of day or an offset past the limit.
            return direction >= 0 ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;
        }
    }

    private static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
