namespace Billing.Payments.Domain;

/// <summary>
/// P4: when a past-due invoice is retried — after 1, 3, 5 and 7 days by default, counted from its first failed
/// attempt — and when it fails: when the attempt after the last retry day fails too.
/// </summary>
internal sealed class DunningSchedule(IReadOnlyList<int> retryDays)
{
    public static readonly IReadOnlyList<int> DefaultRetryDays = [1, 3, 5, 7];

    public IReadOnlyList<int> RetryDays { get; } = retryDays;

    /// <summary>When to retry after <paramref name="failedAttempts"/> failed attempts, or null when dunning is exhausted.</summary>
    public DateTimeOffset? NextAttempt(DateTimeOffset firstFailedAt, int failedAttempts) =>
        failedAttempts >= 1 && failedAttempts <= RetryDays.Count ? firstFailedAt.AddDays(RetryDays[failedAttempts - 1]) : null;
}

/// <summary>Configuration of dunning (<c>Billing:Payments:Dunning</c>).</summary>
internal sealed class DunningOptions
{
    /// <summary>
    /// Days after the first failed attempt on which a past-due invoice is retried, ascending; empty means the default
    /// (configuration binding appends to a non-empty default instead of replacing it).
    /// </summary>
    public int[] RetryDays { get; init; } = [];

    public DunningSchedule Schedule() => new(RetryDays.Length == 0 ? DunningSchedule.DefaultRetryDays : [.. RetryDays.Order()]);
}
