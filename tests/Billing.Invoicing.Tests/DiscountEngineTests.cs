using Billing.Invoicing.Contracts;
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

    private static CouponDiscount Percent(int percent, string id = "red_p", int ageDays = 0, long sequence = 0) =>
        new(id, id.ToUpperInvariant(), true, percent, 0, false, Redeemed.AddDays(ageDays), sequence);

    private static CouponDiscount Fixed(long amount, string id = "red_f", int ageDays = 0, bool oneTime = false, long sequence = 0) =>
        new(id, id.ToUpperInvariant(), false, 0, amount, oneTime, Redeemed.AddDays(ageDays), sequence);

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

    [Fact]
    public void Within_a_type_the_oldest_redemption_applies_first_whatever_order_coupons_arrive_in_C17()
    {
        var outcome = DiscountEngine.Apply([PlanFee, AddOn], [Fixed(10_00, "red_new", ageDays: 2), Fixed(10_00, "red_old", ageDays: 1)], StackingPolicy.Default, isTrial: false);

        Assert.Equal([new LineDiscount(0, "red_old", "RED_OLD", 10_00), new LineDiscount(0, "red_new", "RED_NEW", 5_00), new LineDiscount(1, "red_new", "RED_NEW", 5_00)], outcome.Discounts);
    }

    [Fact]
    public void Coupons_redeemed_at_the_same_instant_apply_in_the_order_they_were_redeemed_not_by_their_ids_C17()
    {
        // Issue 14 item 9: a 0.33 plan with 50 % then 10 % compound came to 0.14 or 0.15 depending on random ids.
        var plan = new DraftLine(LineType.Plan, "tiny", "Tiny", 1, 33);
        var policy = StackingPolicy.Default with { CompoundPercent = true };

        var fiftyFirst = DiscountEngine.Apply([plan], [Percent(10, "red_a", sequence: 2), Percent(50, "red_z", sequence: 1)], policy, isTrial: false);
        var tenFirst = DiscountEngine.Apply([plan], [Percent(50, "red_a", sequence: 2), Percent(10, "red_z", sequence: 1)], policy, isTrial: false);

        Assert.Equal(33 - 14, fiftyFirst.DiscountOf(0));
        Assert.Equal(33 - 15, tenFirst.DiscountOf(0));
    }

    [Fact]
    public void A_fixed_amount_is_allocated_line_by_line_so_its_parts_add_up_to_exactly_what_it_took_M3()
    {
        var lines = Enumerable.Range(0, 5).Select(i => new DraftLine(LineType.AddOn, $"a{i}", $"Add-on {i}", 1, 3_33)).ToList();

        var outcome = DiscountEngine.Apply(lines, [Fixed(10_00)], StackingPolicy.Default, isTrial: false);

        Assert.Equal([3_33, 3_33, 3_33, 1, 0], PerLine(outcome, 5));
        Assert.Equal(10_00, outcome.DiscountBy("red_f"));
    }

    [Theory]
    [InlineData(1_980, 700, 2_500, 1_980, 520)]
    [InlineData(4_995, 1_250, 5_000, 4_995, 5)]
    [InlineData(15_00, 7_00, 20_00, 15_00, 5_00)]
    public void A_fixed_amount_in_the_invoice_currency_s_minor_units_is_spread_the_same_way_for_0_2_and_3_decimals_M1_M3(
        long plan, long addOn, long fixedAmount, long onPlan, long onAddOn)
    {
        var lines = new[] { PlanFee with { UnitAmount = plan }, AddOn with { UnitAmount = addOn } };

        var outcome = DiscountEngine.Apply(lines, [Fixed(fixedAmount)], StackingPolicy.Default, isTrial: false);

        Assert.Equal([onPlan, onAddOn], PerLine(outcome, 2));
    }

    [Fact]
    public void A_percentage_of_a_line_with_a_quantity_is_rounded_once_on_the_line_amount_not_per_unit_M2()
    {
        var threeCheapSeats = new DraftLine(LineType.AddOn, "seat", "Seat", 3, 5);

        var outcome = DiscountEngine.Apply([threeCheapSeats], [Percent(10)], StackingPolicy.Default, isTrial: false);

        Assert.Equal(2, outcome.DiscountOf(0));
    }

    [Fact]
    public void A_proration_charge_takes_a_fixed_amount_but_the_credit_beside_it_takes_nothing_S8()
    {
        var credit = new DraftLine(LineType.ProrationCredit, "plan-a", "Unused time", 1, -7_50);
        var charge = new DraftLine(LineType.ProrationCharge, "plan-b", "Remaining time", 1, 12_00);

        var outcome = DiscountEngine.Apply([credit, charge], [Fixed(20_00)], StackingPolicy.Default, isTrial: false);

        Assert.Equal([0, 12_00], PerLine(outcome, 2));
    }

    [Fact]
    public void A_fixed_coupon_on_a_trial_invoice_with_a_setup_fee_counts_as_applied_but_a_percent_coupon_does_not_R5_R9()
    {
        var trialPlan = PlanFee with { UnitAmount = 0 };

        var outcome = DiscountEngine.Apply([SetupFee, trialPlan], [Percent(10), Fixed(5_00)], StackingPolicy.Default, isTrial: true);

        Assert.Equal(["red_f"], outcome.Applied.Select(c => c.RedemptionId));
    }

    [Fact]
    public void A_coupon_that_finds_every_line_already_free_takes_nothing_and_is_neither_named_nor_noted_M4_I1()
    {
        var invoice = new Invoice { Currency = "USD" };
        var coupons = new[] { Percent(100, "red_all"), Percent(10, "red_late", ageDays: 1) };

        InvoiceCalculator.Calculate(invoice, [PlanFee], coupons, StackingPolicy.Default, new Dictionary<string, string?> { ["red_all"] = "All free", ["red_late"] = "Ten off" });

        Assert.Equal(15_00, invoice.DiscountTotal);
        Assert.Equal(["RED_ALL"], invoice.CouponCodes);
        Assert.Equal("Discounts applied: All free", invoice.Notes);
    }

    [Fact]
    public void The_note_joins_the_invoice_descriptions_of_the_discounting_coupons_in_the_order_they_applied_I1()
    {
        var invoice = new Invoice { Currency = "USD" };
        var coupons = new[] { Fixed(1_00, "red_fixed"), Percent(10, "red_percent", ageDays: 1), Percent(5, "red_silent", ageDays: 2) };

        InvoiceCalculator.Calculate(invoice, [PlanFee], coupons, StackingPolicy.Default, new Dictionary<string, string?> { ["red_fixed"] = "One off", ["red_percent"] = "Ten percent", ["red_silent"] = null });

        Assert.Equal(["RED_PERCENT", "RED_SILENT", "RED_FIXED"], invoice.CouponCodes);
        Assert.Equal("Discounts applied: Ten percent; One off", invoice.Notes);
    }
}
