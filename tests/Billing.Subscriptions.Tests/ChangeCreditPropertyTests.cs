using Billing.SharedKernel;
using Billing.Subscriptions.Domain;
using Xunit;

namespace Billing.Subscriptions.Tests;

/// <summary>
/// S8 (issues 14 item 4, 25 item 1): a change now credits what the customer actually paid for the unused part of the
/// period, after coupons, however many changes the period saw. Random plans, quantities, percent coupons and days
/// from a fixed seed; the charge side is discounted the way Invoicing discounts a proration charge.
/// </summary>
public sealed class ChangeCreditPropertyTests
{
    private static readonly BillingInterval Monthly = new(1, IntervalUnit.Month);

    private static Subscription Paid(DateTimeOffset start, long listPrice, int percent)
    {
        var subscription = Subscription.Start("sub", "acct", new Plan { Code = "p", IntervalLength = 1, IntervalUnit = IntervalUnit.Month }, "USD", 1, [], null, start);
        subscription.Paid(Discounted(listPrice, percent), Proration.DaysIn(subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        return subscription;
    }

    private static long Discounted(long amount, int percent) => amount - Rounding.DivideHalfAwayFromZero(amount * percent, 100);

    /// <summary>One change now at <paramref name="at"/> to a period price of <paramref name="newListPrice"/> (the domain's <c>ChangeNow</c>, as the handler calls it): the credit, and what the charge cost.</summary>
    private static (long Credit, long Charge) Change(Subscription subscription, DateTimeOffset at, long newListPrice, int percent)
    {
        var plan = new Plan { Code = "p", IntervalLength = 1, IntervalUnit = IntervalUnit.Month, Prices = new() { ["USD"] = new PlanPrice(newListPrice, 0) } };
        var change = subscription.ChangeNow(plan, 1, at)!;
        long charge = Discounted(change.Charge, percent);
        subscription.Paid(charge, change.DaysLeft);
        return (change.Credit, charge);
    }

    [Fact]
    public void Over_any_sequence_of_changes_in_a_period_the_credits_never_exceed_what_was_paid_for_it_S8()
    {
        var random = new Random(20261203);
        for (int run = 0; run < 2_000; run++)
        {
            var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 365 * 900)).AddMinutes(random.Next(0, 1440));
            int percent = random.Next(0, 101);
            long price = random.Next(1, 100_000) * (long)random.Next(1, 20);
            var subscription = Paid(start, price, percent);
            long paid = subscription.PaidForRest;
            long credited = 0;
            var at = start;
            for (int change = random.Next(1, 12); change > 0; change--)
            {
                at = at.AddHours(random.Next(0, 24 * 6));
                if (at >= subscription.CurrentPeriodEnd)
                {
                    break;
                }

                var (credit, charge) = Change(subscription, at, random.Next(1, 100_000) * (long)random.Next(1, 20), random.Next(0, 101));
                credited += credit;
                paid += charge;
                Assert.InRange(credit, 0, paid - charge);
                Assert.True(credited <= paid - subscription.PaidForRest, $"run {run}: credited {credited} of {paid - subscription.PaidForRest} paid before the last change");
            }
        }
    }

    [Fact]
    public void A_change_and_its_exact_reverse_net_to_zero_within_rounding_S8()
    {
        var random = new Random(14_4);
        for (int run = 0; run < 2_000; run++)
        {
            var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 365 * 900));
            int percent = random.Next(0, 101);
            long price = random.Next(1, 100_000);
            long other = price * random.Next(2, 10);
            var subscription = Paid(start, price, percent);
            var at = start.AddHours(random.Next(1, 24 * 27));

            var there = Change(subscription, at, other, percent);
            var back = Change(subscription, at, price, percent);

            long net = there.Charge - there.Credit + back.Charge - back.Credit;
            Assert.True(Math.Abs(net) <= 1, $"run {run}: a change and its reverse net {net} minor units");
        }
    }

    [Fact]
    public void Looping_a_quantity_change_under_a_forever_coupon_mints_no_credit_S8()
    {
        var start = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var subscription = Paid(start, 30_00, 10);
        var at = Monthly.PeriodStart(start, 0).AddDays(10);
        long net = 0;
        for (int cycle = 0; cycle < 10; cycle++)
        {
            var up = Change(subscription, at, 60_00, 10);
            var down = Change(subscription, at, 30_00, 10);
            net += up.Charge - up.Credit + down.Charge - down.Credit;
        }

        Assert.InRange(net, -1, 1);
    }

    [Fact]
    public void A_change_now_in_a_trial_takes_the_new_terms_and_bills_nothing_R9()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var plan = new Plan { Code = "p", IntervalLength = 1, IntervalUnit = IntervalUnit.Month, Prices = new() { ["USD"] = new PlanPrice(10_00, 0) } };
        var subscription = Subscription.Start("sub", "acct", plan, "USD", 1, [], Monthly, start);
        subscription.ScheduleChange("q", 5);
        var gold = new Plan { Code = "gold", IntervalLength = 1, IntervalUnit = IntervalUnit.Month, Prices = new() { ["USD"] = new PlanPrice(30_00, 0) } };

        Assert.Null(subscription.ChangeNow(gold, 2, start.AddDays(3)));
        Assert.Equal(("gold", 2, 60_00L, (string?)null, (int?)null), (subscription.PlanCode, subscription.Quantity, subscription.OriginalPrice, subscription.PendingPlanCode, subscription.PendingQuantity));
    }
}
