namespace Billing.Webhooks.Domain;

/// <summary>
/// Exponential backoff within a window: after the n-th failed attempt the next one waits <see cref="FirstDelay"/> × 2^(n−1),
/// at most <see cref="MaxDelay"/>; an attempt that would fall after the delivery's creation plus <see cref="Window"/>
/// is not made, and the delivery is abandoned (failed). The defaults: 1 minute doubling to 12 hours, for 3 days.
/// </summary>
internal sealed record RetrySchedule(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan Window)
{
    public static readonly RetrySchedule Default = new(TimeSpan.FromMinutes(1), TimeSpan.FromHours(12), TimeSpan.FromDays(3));

    public TimeSpan DelayAfter(int attemptsMade)
    {
        int doublings = Math.Clamp(attemptsMade - 1, 0, 30);
        double ticks = Math.Min(FirstDelay.Ticks * Math.Pow(2, doublings), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>When the next attempt is due, or none when it would fall past the window.</summary>
    public DateTimeOffset? NextAttempt(DateTimeOffset createdAt, int attemptsMade, DateTimeOffset now)
    {
        var next = now + DelayAfter(attemptsMade);
        return next <= createdAt + Window ? next : null;
    }
}
