using Billing.Invoicing.Contracts;
using Billing.Subscriptions.Domain;
using Xunit;

namespace Billing.Subscriptions.Tests;

public sealed class PeriodChargesTests
{
    private static readonly Plan PlanA = new()
    {
        Code = "plan-a",
        Name = "Plan A",
        IntervalLength = 1,
        IntervalUnit = IntervalUnit.Month,
        Prices = new() { ["USD"] = new PlanPrice(15_00, 50_00) },
        AddOns = [new PlanAddOn("extra", "Extra seats", new() { ["USD"] = 7_00 })],
    };

    private static readonly Subscription Subscription = new()
    {
        PlanCode = "plan-a",
        Currency = "USD",
        Quantity = 2,
        AddOns = [new SubscriptionAddOn("extra", 3)],
    };

    [Fact]
    public void The_first_invoice_lists_setup_fee_plan_fee_times_quantity_then_add_ons_I2()
    {
        var charges = PeriodCharges.For(PlanA, Subscription, firstInvoice: true, trial: false);

        Assert.Equal([LineType.SetupFee, LineType.Plan, LineType.AddOn], charges.Select(c => c.Type));
        Assert.Equal([50_00, 30_00, 21_00], charges.Select(c => c.Amount));
    }

    [Fact]
    public void A_renewal_has_no_setup_fee_S6()
    {
        var charges = PeriodCharges.For(PlanA, Subscription, firstInvoice: false, trial: false);

        Assert.DoesNotContain(charges, c => c.Type == LineType.SetupFee);
    }

    [Fact]
    public void A_trial_invoice_charges_the_setup_fee_and_nothing_for_the_plan_R9()
    {
        var charges = PeriodCharges.For(PlanA, Subscription, firstInvoice: true, trial: true);

        Assert.Equal([50_00, 0], charges.Select(c => c.Amount));
    }

    [Fact]
    public void The_original_price_is_the_list_price_of_one_paid_period_S3() =>
        Assert.Equal(51_00, PeriodCharges.ListPriceOfPeriod(PlanA, Subscription));
}
