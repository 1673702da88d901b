using Billing.SharedKernel;
using Billing.Subscriptions.Domain;
using Xunit;

namespace Billing.Subscriptions.Tests;

/// <summary>
/// Issue 14 item 1: over the whole accepted range of instants (<see cref="InstantRange"/>, 2000-01-01 to 2200-01-01),
/// with every plan interval and trial the API takes (1–999 days, weeks, months or years), periods, renewals and
/// prorations never throw and stay consistent — a clock at the range's end computes the same way as today (S1, S6, S8).
/// Random instants and intervals from fixed seeds.
/// </summary>
public sealed class InstantRangePropertyTests
{
    private static readonly IntervalUnit[] Units = [IntervalUnit.Day, IntervalUnit.Week, IntervalUnit.Month, IntervalUnit.Year];

    private static DateTimeOffset RandomInstant(Random random)
    {
        // Half the runs near the range's end, where overflow would show first.
        long from = random.Next(2) == 0 ? InstantRange.Earliest.UtcTicks : InstantRange.Latest.AddYears(-2).UtcTicks;
        return new DateTimeOffset(random.NextInt64(from, InstantRange.Latest.UtcTicks + 1), TimeSpan.Zero);
    }

    private static BillingInterval RandomInterval(Random random) =>
        new(random.Next(4) == 0 ? random.Next(1, 1000) : random.Next(1, 13), Units[random.Next(Units.Length)]);

    [Fact]
    public void Period_starts_across_the_range_are_anchored_strictly_increasing_and_match_the_calendar_S1_S6()
    {
        var random = new Random(20261204);
        for (int run = 0; run < 5_000; run++)
        {
            var anchor = RandomInstant(random);
            var interval = RandomInterval(random);
            var previous = interval.PeriodStart(anchor, 0);
            Assert.Equal(anchor, previous);
            for (int index = 1; previous <= InstantRange.Latest && index <= 60; index++)
            {
                var start = interval.PeriodStart(anchor, index);

                Assert.True(start > previous, $"{interval} from {anchor:O}: period {index} starts at {start:O}, not after {previous:O}");
                Assert.Equal(Expected(anchor, interval, index), start);
                previous = start;
            }
        }
    }

    [Fact]
    public void Renewals_from_anywhere_in_the_range_run_back_to_back_past_its_end_and_prorate_within_each_period_S6_S8()
    {
        var random = new Random(1412);
        for (int run = 0; run < 3_000; run++)
        {
            var now = RandomInstant(random);
            var interval = RandomInterval(random);
            var trial = random.Next(3) == 0 ? RandomInterval(random) : null;
            var plan = new Plan { Code = "p", IntervalLength = interval.Length, IntervalUnit = interval.Unit };
            var subscription = Subscription.Start("sub", "acct", plan, "USD", 1, [], trial, now);
            long price = random.Next(1, 1_000_000);

            for (int renewal = 0; renewal < 40; renewal++)
            {
                var (start, end) = (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd);
                Assert.True(end > start, $"{interval} (trial {trial}) from {now:O}: period {start:O}–{end:O}");
                AssertProrates(random, start, end, price);
                if (end > InstantRange.Latest)
                {
                    break;
                }

                subscription.AdvancePeriod();
                Assert.Equal(end, subscription.CurrentPeriodStart);
            }
        }
    }

    [Fact]
    public void At_the_last_accepted_instant_the_longest_trial_and_interval_still_end_on_the_calendar_S1()
    {
        var longest = new BillingInterval(999, IntervalUnit.Year);
        var plan = new Plan { Code = "p", IntervalLength = 999, IntervalUnit = IntervalUnit.Year };

        var subscription = Subscription.Start("sub", "acct", plan, "USD", 1, [], longest, InstantRange.Latest);
        subscription.AdvancePeriod();

        Assert.Equal(new DateTimeOffset(3199, 1, 1, 0, 0, 0, TimeSpan.Zero), subscription.CurrentPeriodStart);
        Assert.Equal(new DateTimeOffset(4198, 1, 1, 0, 0, 0, TimeSpan.Zero), subscription.CurrentPeriodEnd);
    }

    [Fact]
    public void Beyond_the_calendar_period_arithmetic_saturates_instead_of_throwing()
    {
        var anchor = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);

        Assert.Equal(DateTimeOffset.MaxValue, new BillingInterval(1, IntervalUnit.Month).PeriodStart(anchor, 1));
        Assert.Equal(DateTimeOffset.MaxValue, new BillingInterval(999, IntervalUnit.Year).PeriodStart(InstantRange.Latest, 10));
        Assert.Equal(DateTimeOffset.MaxValue, new BillingInterval(1, IntervalUnit.Day).PeriodStart(anchor, 1));
        Assert.Equal(DateTimeOffset.MinValue, new BillingInterval(999, IntervalUnit.Year).PeriodStart(InstantRange.Earliest, -3));
    }

    /// <summary>At a random instant of the period: the days left lie within the period and the share within its price (S8).</summary>
    private static void AssertProrates(Random random, DateTimeOffset start, DateTimeOffset end, long price)
    {
        var at = new DateTimeOffset(random.NextInt64(start.UtcTicks, end.UtcTicks), TimeSpan.Zero);
        int days = Proration.DaysIn(start, end);
        int left = Proration.DaysLeft(at, end);
        long share = Proration.Share(price, left, days);

        Assert.InRange(days, 1, 366 * 1000);
        Assert.InRange(left, 0, days + 1);
        Assert.InRange(share, 0, price);
        Assert.Equal(price, Proration.Share(price, Proration.DaysLeft(start, end), days));
    }

    private static DateTimeOffset Expected(DateTimeOffset anchor, BillingInterval interval, int index) => interval.Unit switch
    {
        IntervalUnit.Day => anchor.AddDays((double)interval.Length * index),
        IntervalUnit.Week => anchor.AddDays(7.0 * interval.Length * index),
        IntervalUnit.Month => anchor.AddMonths(interval.Length * index),
        _ => anchor.AddYears(interval.Length * index),
    };
}
