using Billing.Subscriptions.Domain;
using Xunit;

namespace Billing.Subscriptions.Tests;

public sealed class ProrationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_period_has_its_calendar_days_S8() => Assert.Equal(30, Proration.DaysIn(Start, End));

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 30)]
    [InlineData(24, 29)]
    [InlineData(24 * 15, 15)]
    [InlineData(24 * 30, 0)]
    public void A_day_that_has_started_counts_as_left_S8(int hoursIn, int daysLeft) =>
        Assert.Equal(daysLeft, Proration.DaysLeft(Start.AddHours(hoursIn), End));

    [Theory]
    [InlineData(15_00, 15, 30, 7_50)]
    [InlineData(10_00, 10, 30, 3_33)]
    [InlineData(20_00, 10, 30, 6_67)]
    [InlineData(1_00, 1, 8, 13)]
    [InlineData(15_00, 30, 30, 15_00)]
    [InlineData(15_00, 0, 30, 0)]
    public void The_share_of_a_period_is_prorated_by_days_and_rounded_half_away_from_zero_S8(long amount, int daysLeft, int days, long expected) =>
        Assert.Equal(expected, Proration.Share(amount, daysLeft, days));

    [Fact]
    public void Cancelling_at_period_end_keeps_the_period_and_cancelling_now_expires_at_once_S9()
    {
        var atEnd = new Subscription { State = SubscriptionState.Active, CurrentPeriodEnd = End, PendingPlanCode = "x" };
        var now = new Subscription { State = SubscriptionState.Active, CurrentPeriodEnd = End };

        atEnd.Cancel(now: false, Start.AddDays(3));
        now.Cancel(now: true, Start.AddDays(3));

        Assert.Equal(SubscriptionState.Canceled, atEnd.State);
        Assert.Equal(End, atEnd.ExpiresAt);
        Assert.Null(atEnd.PendingPlanCode);
        Assert.Equal(SubscriptionState.Expired, now.State);
        Assert.Equal(Start.AddDays(3), now.ExpiresAt);
    }

    [Fact]
    public void A_change_scheduled_for_renewal_becomes_the_terms_once_applied_S8()
    {
        var subscription = new Subscription { PlanCode = "basic", Quantity = 1 };

        subscription.ScheduleChange("pro", 3);
        Assert.Equal("basic", subscription.PlanCode);

        Assert.True(subscription.ApplyPendingChange());
        Assert.Equal(("pro", 3), (subscription.PlanCode, subscription.Quantity));
        Assert.False(subscription.ApplyPendingChange());
    }

    [Fact]
    public void A_price_override_is_the_only_charge_of_every_invoice_S4()
    {
        var plan = new Plan { Code = "app", Name = "App", Prices = new() { ["USD"] = new PlanPrice(30_00, 10_00) } };
        var subscription = new Subscription { Currency = "USD", Quantity = 2, PriceOverride = 12_34 };

        var charges = PeriodCharges.For(plan, subscription, firstInvoice: true, trial: false);

        var only = Assert.Single(charges);
        Assert.Equal(12_34, only.Amount);
        Assert.Equal(60_00, PeriodCharges.ListPriceOfPeriod(plan, subscription));
    }
}
