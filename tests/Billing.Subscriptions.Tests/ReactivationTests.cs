using Billing.Subscriptions.Domain;
using Xunit;

namespace Billing.Subscriptions.Tests;

/// <summary>S9: a cancellation at period end can be undone while the period runs, never after (issue 24).</summary>
public sealed class ReactivationTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Plan Monthly = new() { Code = "monthly", IntervalLength = 1, IntervalUnit = IntervalUnit.Month };

    private static readonly Plan WithTrial = new() { Code = "trial", IntervalLength = 1, IntervalUnit = IntervalUnit.Month, TrialLength = 14, TrialUnit = IntervalUnit.Day };

    private static Subscription Subscribe(Plan plan) =>
        Subscription.Start("sub_1", "acct", plan, "USD", 1, [], plan.Trial, Start);

    [Fact]
    public void A_subscription_canceled_at_period_end_is_active_again_and_renews_at_the_same_period_end_S9()
    {
        var subscription = Subscribe(Monthly);
        subscription.Cancel(now: false, Start.AddDays(3));

        bool reactivated = subscription.Reactivate(Start.AddDays(10));

        Assert.True(reactivated);
        Assert.Equal(SubscriptionState.Active, subscription.State);
        Assert.Null(subscription.CanceledAt);
        Assert.Null(subscription.ExpiresAt);
        Assert.Equal(Start.AddMonths(1), subscription.CurrentPeriodEnd);
    }

    [Fact]
    public void A_subscription_canceled_during_its_trial_goes_back_to_its_trial_S9()
    {
        var subscription = Subscribe(WithTrial);
        subscription.Cancel(now: false, Start.AddDays(1));

        Assert.True(subscription.Reactivate(Start.AddDays(2)));

        Assert.Equal(SubscriptionState.InTrial, subscription.State);
    }

    [Fact]
    public void Once_the_period_has_ended_a_canceled_subscription_cannot_be_reactivated_S9()
    {
        var subscription = Subscribe(Monthly);
        subscription.Cancel(now: false, Start.AddDays(3));

        Assert.False(subscription.Reactivate(Start.AddMonths(1)));

        Assert.Equal(SubscriptionState.Canceled, subscription.State);
        Assert.Equal(Start.AddMonths(1), subscription.ExpiresAt);
    }

    [Fact]
    public void A_live_or_expired_subscription_is_not_reactivated_S9()
    {
        var live = Subscribe(Monthly);
        var expired = Subscribe(Monthly);
        expired.Cancel(now: true, Start.AddDays(3));

        Assert.False(live.Reactivate(Start.AddDays(4)));
        Assert.False(expired.Reactivate(Start.AddDays(4)));

        Assert.Equal(SubscriptionState.Active, live.State);
        Assert.Equal(SubscriptionState.Expired, expired.State);
    }
}
