using Billing.Subscriptions.Domain;
using Xunit;

namespace Billing.Subscriptions.Tests;

public sealed class BillingIntervalTests
{
    private static readonly BillingInterval Monthly = new(1, IntervalUnit.Month);

    [Fact]
    public void January_31_plus_one_month_is_the_last_day_of_February()
    {
        var anchor = new DateTimeOffset(2027, 1, 31, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2027, 2, 28, 9, 0, 0, TimeSpan.Zero), Monthly.PeriodStart(anchor, 1));
    }

    [Fact]
    public void In_a_leap_year_January_31_plus_one_month_is_February_29()
    {
        var anchor = new DateTimeOffset(2028, 1, 31, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.Zero), Monthly.PeriodStart(anchor, 1));
    }

    [Fact]
    public void Month_end_periods_do_not_drift_because_every_period_is_counted_from_the_anchor_S6()
    {
        var anchor = new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero);

        var starts = Enumerable.Range(0, 4).Select(i => Monthly.PeriodStart(anchor, i).Day).ToArray();

        Assert.Equal([31, 28, 31, 30], starts);
    }

    [Fact]
    public void A_yearly_period_from_February_29_ends_on_February_28_then_returns_to_the_29th_in_the_next_leap_year()
    {
        var yearly = new BillingInterval(1, IntervalUnit.Year);
        var anchor = new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(28, yearly.PeriodStart(anchor, 1).Day);
        Assert.Equal(29, yearly.PeriodStart(anchor, 4).Day);
    }

    [Theory]
    [InlineData(2, "week", 14)]
    [InlineData(10, "day", 10)]
    public void Day_and_week_intervals_are_exact_numbers_of_days(int length, string unit, int days)
    {
        var anchor = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(anchor.AddDays(days), new BillingInterval(length, Billing.SharedKernel.Wire<IntervalUnit>.Parse(unit)).PeriodStart(anchor, 1));
    }

    [Fact]
    public void Advancing_a_subscription_moves_to_the_next_anchored_period_and_activates_it_after_a_trial()
    {
        var subscription = new Subscription
        {
            State = SubscriptionState.InTrial,
            PeriodIndex = -1,
            IntervalLength = 1,
            IntervalUnit = IntervalUnit.Month,
            PeriodAnchor = new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero),
        };

        subscription.AdvancePeriod();
        subscription.AdvancePeriod();

        Assert.Equal(SubscriptionState.Active, subscription.State);
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 0, 0, 0, TimeSpan.Zero), subscription.CurrentPeriodStart);
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 0, 0, 0, TimeSpan.Zero), subscription.CurrentPeriodEnd);
    }
}
