using Billing.Subscriptions.Domain;
using Xunit;

namespace Billing.Subscriptions.Tests;

/// <summary>S4 and S8: which changes a subscription refuses before anything is prorated (issue 22, rules in the domain).</summary>
public sealed class SubscriptionChangeRulesTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Plan Monthly = new() { Code = "monthly", IntervalLength = 1, IntervalUnit = IntervalUnit.Month };

    private static Subscription Subscribe(Plan plan) => Subscription.Start("sub_1", "acct", plan, "USD", 1, [], null, Start);

    [Fact]
    public void A_partner_priced_subscription_refuses_a_new_plan_or_quantity_but_not_a_coupon_alone_S4()
    {
        var subscription = Subscribe(Monthly);
        subscription.ChargePartnerPrice(new PartnerTerms(5_00, "external", "partner", null, null));

        Assert.Equal("price_override_subscription", subscription.RefusalToChangeTerms("yearly", null)?.Code);
        Assert.Equal("price_override_subscription", subscription.RefusalToChangeTerms(null, 2)?.Code);
        Assert.Null(subscription.RefusalToChangeTerms(null, null));
        Assert.Null(Subscribe(Monthly).RefusalToChangeTerms("yearly", 2));
    }

    [Fact]
    public void A_subscription_moves_only_to_a_plan_of_its_own_interval_S8()
    {
        var subscription = Subscribe(Monthly);
        var quarterly = new Plan { Code = "quarterly", IntervalLength = 3, IntervalUnit = IntervalUnit.Month };
        var weekly = new Plan { Code = "weekly", IntervalLength = 1, IntervalUnit = IntervalUnit.Week };
        var otherMonthly = new Plan { Code = "other", IntervalLength = 1, IntervalUnit = IntervalUnit.Month };

        var refused = subscription.RefusalToMoveTo(quarterly);

        Assert.Equal("interval_mismatch", refused?.Code);
        Assert.Equal("Plan 'quarterly' bills every 3 month(s), unlike the subscription's plan; cancel and subscribe instead.", refused?.Message);
        Assert.Equal("interval_mismatch", subscription.RefusalToMoveTo(weekly)?.Code);
        Assert.Null(subscription.RefusalToMoveTo(otherMonthly));
    }

    [Fact]
    public void An_archived_plan_takes_no_subscription_moving_to_it_but_its_own_subscriptions_keep_changing_quantity()
    {
        var archived = new Plan { Code = "old", IntervalLength = 1, IntervalUnit = IntervalUnit.Month };
        var subscription = Subscribe(archived);
        archived.Archive(Start);

        Assert.Equal("plan_archived", Subscribe(Monthly).RefusalToMoveTo(archived)?.Code);
        Assert.Null(subscription.RefusalToMoveTo(archived));
    }
}
