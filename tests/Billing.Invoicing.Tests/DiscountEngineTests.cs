using Billing.Invoicing.Domain;
using Xunit;

namespace Billing.Invoicing.Tests;

public sealed class DiscountEngineTests
{
    private static readonly DateTimeOffset Redeemed = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DraftLine SetupFee = new(LineType.SetupFee, "plan-a", "Plan A setup fee", 1, 50_00);
    private static readonly DraftLine PlanFee = new(LineType.Plan, "plan-a", "Plan A", 1, 15_00);
    private static readonly DraftLine AddOn = new(LineType.AddOn, "extra", "Extra", 1, 7_00);
    private static readonly DraftLine Sms = new(LineType.OneTime, "sms-100", "100 SMS", 1, 10_00);

    private static CouponDiscount Percent(int percent, string id = "red_p", int ageDays = 0) =>
        new(id, id.ToUpperInvariant(), true, percent, 0, false, Redeemed.AddDays(ageDays));

    private static CouponDiscount Fixed(long amount, string id = "red_f", int ageDays = 0, bool oneTime = false) =>
        new(id, id.ToUpperInvariant(), false, 0, amount, oneTime, Redeemed.AddDays(ageDays));

    private static long[] PerLine(DiscountOutcome outcome, int lines) =>
        Enumerable.Range(0, lines).Select(outcome.DiscountOf).ToArray();

    [Fact]
    public void Ten_percent_off_plan_A_discounts_the_plan_and_add_on_but_never_the_setup_fee_I3()
    {
        var outcome = DiscountEngine.Apply([SetupFee, PlanFee, AddOn], [Percent(10)], StackingPolicy.Default, isTrial: false);

        Assert.Equal([0, 1_50, 70], PerLine(outcome, 3));
    }

    [Fact]
    public void Twenty_off_plan_A_discounts_the_plan_fully_and_five_of_the_add_on_so_the_customer_pays_two_I3()
    {
        var outcome = DiscountEngine.Apply([PlanFee, AddOn], [Fixed(20_00)], StackingPolicy.Default, isTrial: false);

        Assert.Equal([15_00, 5_00], PerLine(outcome, 2));
        Assert.Equal(2_00, PlanFee.Amount + AddOn.Amount - outcome.Discounts.Sum(d => d.Amount));
    }

    [Fact]
    public void A_fixed_amount_discounts_the_setup_fee_first_I3()
    {
        var outcome = DiscountEngine.Apply([SetupFee, PlanFee, AddOn], [Fixed(55_00)], StackingPolicy.Default, isTrial: false);

        Assert.Equal([50_00, 5_00, 0], PerLine(outcome, 3));
    }

    [Fact]
    public void What_a_fixed_amount_leaves_over_is_lost_and_no_line_goes_below_zero_M4()
    {
        var outcome = DiscountEngine.Apply([PlanFee], [Fixed(100_00)], StackingPolicy.Default, isTrial: false);

        Assert.Equal([15_00], PerLine(outcome, 1));
    }

    [Fact]
    public void One_time_charges_are_discounted_only_when_the_coupon_and_the_site_allow_it_C7()
    {
        var lines = new[] { PlanFee, Sms };
        var couponAllows = Fixed(20_00, oneTime: true);

        var siteRefuses = DiscountEngine.Apply(lines, [couponAllows], StackingPolicy.Default, isTrial: false);
        var siteAllows = DiscountEngine.Apply(lines, [couponAllows], StackingPolicy.Default with { OneTimeChargesDiscountable = true }, isTrial: false);
        var couponRefuses = DiscountEngine.Apply(lines, [Fixed(20_00)], StackingPolicy.Default with { OneTimeChargesDiscountable = true }, isTrial: false);

        Assert.Equal([15_00, 0], PerLine(siteRefuses, 2));
        Assert.Equal([15_00, 5_00], PerLine(siteAllows, 2));
        Assert.Equal([15_00, 0], PerLine(couponRefuses, 2));
    }

    [Fact]
    public void Subscription_lines_are_discounted_before_one_time_charges_whatever_their_order_I3()
    {
        var outcome = DiscountEngine.Apply([Sms, PlanFee], [Fixed(20_00, oneTime: true)], StackingPolicy.Default with { OneTimeChargesDiscountable = true }, isTrial: false);

        Assert.Equal([5_00, 15_00], PerLine(outcome, 2));
    }

    [Fact]
    public void Percent_first_applies_percentages_before_fixed_amounts_C17()
    {
        var outcome = DiscountEngine.Apply([PlanFee], [Fixed(5_00, ageDays: -1), Percent(10)], StackingPolicy.Default, isTrial: false);

        Assert.Equal(1_50, outcome.DiscountBy("red_p"));
        Assert.Equal(5_00, outcome.DiscountBy("red_f"));
    }

    [Fact]
    public void Fixed_first_applies_fixed_amounts_before_percentages_and_compound_takes_the_percentage_of_what_is_left_C17()
    {
        var policy = StackingPolicy.Default with { FixedFirst = true, CompoundPercent = true };
        var outcome = DiscountEngine.Apply([PlanFee], [Percent(10), Fixed(5_00)], policy, isTrial: false);

        Assert.Equal(5_00, outcome.DiscountBy("red_f"));
        Assert.Equal(1_00, outcome.DiscountBy("red_p"));
    }

    [Fact]
    public void Full_percent_mode_takes_each_percentage_of_the_full_line_C17()
    {
        var outcome = DiscountEngine.Apply([PlanFee], [Percent(50, "red_a"), Percent(30, "red_b", ageDays: 1)], StackingPolicy.Default, isTrial: false);

        Assert.Equal(7_50, outcome.DiscountBy("red_a"));
        Assert.Equal(4_50, outcome.DiscountBy("red_b"));
    }

    [Fact]
    public void Compound_percent_mode_takes_each_percentage_of_what_is_left_oldest_first_C17()
    {
        var policy = StackingPolicy.Default with { CompoundPercent = true };
        var outcome = DiscountEngine.Apply([PlanFee], [Percent(30, "red_b", ageDays: 1), Percent(50, "red_a")], policy, isTrial: false);

        Assert.Equal(7_50, outcome.DiscountBy("red_a"));
        Assert.Equal(2_25, outcome.DiscountBy("red_b"));
    }

    [Fact]
    public void Stacked_coupons_stop_once_a_line_is_fully_discounted_M4()
    {
        var outcome = DiscountEngine.Apply([PlanFee], [Percent(80, "red_a"), Percent(50, "red_b", ageDays: 1)], StackingPolicy.Default, isTrial: false);

        Assert.Equal(12_00, outcome.DiscountBy("red_a"));
        Assert.Equal(3_00, outcome.DiscountBy("red_b"));
        Assert.Equal(15_00, outcome.DiscountOf(0));
    }

    [Fact]
    public void A_trial_invoice_is_not_discounted_except_by_a_fixed_coupon_when_it_has_a_setup_fee_R9()
    {
        var trialPlan = PlanFee with { UnitAmount = 0 };

        var percentOnTrial = DiscountEngine.Apply([SetupFee, trialPlan], [Percent(50)], StackingPolicy.Default, isTrial: true);
        var fixedWithoutSetupFee = DiscountEngine.Apply([trialPlan], [Fixed(5_00)], StackingPolicy.Default, isTrial: true);
        var fixedWithSetupFee = DiscountEngine.Apply([SetupFee, trialPlan], [Fixed(5_00)], StackingPolicy.Default, isTrial: true);

        Assert.Empty(percentOnTrial.Discounts);
        Assert.Empty(percentOnTrial.Applied);
        Assert.Empty(fixedWithoutSetupFee.Discounts);
        Assert.Equal([5_00, 0], PerLine(fixedWithSetupFee, 2));
    }

    [Fact]
    public void A_proration_credit_is_never_discounted_but_a_proration_charge_is_S8()
    {
        var credit = new DraftLine(LineType.ProrationCredit, "plan-a", "Unused time", 1, -7_50);
        var charge = new DraftLine(LineType.ProrationCharge, "plan-b", "Remaining time", 1, 12_00);

        var outcome = DiscountEngine.Apply([credit, charge], [Percent(10)], StackingPolicy.Default, isTrial: false);

        Assert.Equal([0, 1_20], PerLine(outcome, 2));
    }

    [Theory]
    [InlineData(1_500, 15, 225)]
    [InlineData(1_000, 33, 330)]
    [InlineData(1_234, 7, 86)]
    public void Percentages_round_per_line_in_the_currency_s_minor_unit_for_any_exponent_M1_M2(long unitAmount, int percent, long expected)
    {
        var line = new DraftLine(LineType.Plan, "p", "P", 1, unitAmount);

        Assert.Equal(expected, DiscountEngine.Apply([line], [Percent(percent)], StackingPolicy.Default, isTrial: false).DiscountOf(0));
    }
}
