using Billing.Payments.Domain;
using Xunit;

namespace Billing.Payments.Tests;

/// <summary>P4: a past-due invoice is retried after 1, 3, 5 and 7 days from its first failure, then fails.</summary>
public sealed class DunningScheduleTests
{
    private static readonly DateTimeOffset FirstFailure = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_default_schedule_retries_on_days_1_3_5_and_7_after_the_first_failure_and_then_gives_up_P4()
    {
        var schedule = new DunningOptions().Schedule();

        var retries = Enumerable.Range(1, 5).Select(failed => schedule.NextAttempt(FirstFailure, failed)).ToList();

        Assert.Equal([FirstFailure.AddDays(1), FirstFailure.AddDays(3), FirstFailure.AddDays(5), FirstFailure.AddDays(7), null], retries);
    }

    [Fact]
    public void A_configured_schedule_replaces_the_default_in_ascending_order_P4()
    {
        var schedule = new DunningOptions { RetryDays = [4, 2] }.Schedule();

        Assert.Equal(FirstFailure.AddDays(2), schedule.NextAttempt(FirstFailure, 1));
        Assert.Equal(FirstFailure.AddDays(4), schedule.NextAttempt(FirstFailure, 2));
        Assert.Null(schedule.NextAttempt(FirstFailure, 3));
    }
}
