using Billing.Payments.Domain;
using Xunit;

namespace Billing.Payments.Tests;

/// <summary>P2/P4: which collections may be charged now, and what an attempt's outcome makes of one.</summary>
public sealed class CollectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly DunningSchedule Schedule = new DunningOptions().Schedule();

    [Fact]
    public void Only_an_invoice_awaiting_payment_is_charged_and_a_past_due_one_only_when_its_retry_is_due_or_asked_for_P2_P4()
    {
        Assert.Null(new Collection { State = CollectionState.Open }.NotChargeableNow(Now, retryNow: false));
        Assert.Equal("not_collectable", new Collection { State = CollectionState.Collecting }.NotChargeableNow(Now, retryNow: true));
        Assert.Equal("not_collectable", new Collection { State = CollectionState.Paid }.NotChargeableNow(Now, retryNow: true));
        var pastDue = new Collection { State = CollectionState.PastDue, NextAttemptAt = Now.AddHours(1) };
        Assert.Equal("not_due", pastDue.NotChargeableNow(Now, retryNow: false));
        Assert.Null(pastDue.NotChargeableNow(Now, retryNow: true));
        Assert.Null(pastDue.NotChargeableNow(Now.AddHours(1), retryNow: false));
    }

    [Fact]
    public void A_failed_attempt_is_retried_on_the_schedule_from_the_first_failure_and_the_last_one_fails_the_invoice_P4()
    {
        var first = new Collection { State = CollectionState.Collecting, Attempts = 1 };
        Assert.Equal(new Settlement(CollectionState.PastDue, Now, Now.AddDays(1)), first.Settle(TransactionOutcome.Declined, Schedule, Now));
        var third = new Collection { State = CollectionState.Collecting, Attempts = 3, FirstFailedAt = Now };
        Assert.Equal(new Settlement(CollectionState.PastDue, Now, Now.AddDays(5)), third.Settle(TransactionOutcome.Failed, Schedule, Now.AddDays(3)));
        var last = new Collection { State = CollectionState.Collecting, Attempts = 5, FirstFailedAt = Now };
        Assert.Equal(new Settlement(CollectionState.Failed, Now, null), last.Settle(TransactionOutcome.Declined, Schedule, Now.AddDays(7)));
        Assert.Equal(new Settlement(CollectionState.Paid, Now, null), last.Settle(TransactionOutcome.Succeeded, Schedule, Now.AddDays(7)));
    }
}
