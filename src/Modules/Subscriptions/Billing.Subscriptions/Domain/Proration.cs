using Billing.SharedKernel;

namespace Billing.Subscriptions.Domain;

/// <summary>
/// S8: the share of a period's price for the days left of it, prorated by days and rounded half away from
/// zero. A day that has started counts as left, so a change on the first day credits the whole period.
/// </summary>
internal static class Proration
{
    public static int DaysIn(DateTimeOffset start, DateTimeOffset end) => (int)Math.Round((end - start).TotalDays, MidpointRounding.AwayFromZero);

    public static int DaysLeft(DateTimeOffset at, DateTimeOffset end) => Math.Max(0, (int)Math.Ceiling((end - at).TotalDays));

    public static long Share(long periodAmount, int daysLeft, int daysInPeriod) =>
        daysInPeriod <= 0 ? 0 : Rounding.DivideHalfAwayFromZero(checked(periodAmount * Math.Min(daysLeft, daysInPeriod)), daysInPeriod);
}
