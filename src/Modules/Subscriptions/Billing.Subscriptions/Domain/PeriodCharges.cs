using Billing.Invoicing.Contracts;

namespace Billing.Subscriptions.Domain;

/// <summary>A priced charge of a period, before coupons (minor units).</summary>
internal sealed record PeriodCharge(LineType Type, string Code, string Description, int Quantity, long UnitAmount)
{
    public long Amount => checked(Quantity * UnitAmount);
}

/// <summary>The charges of one subscription period in invoice order (I2): setup fee, plan fee, add-ons.</summary>
internal static class PeriodCharges
{
    public static IReadOnlyList<PeriodCharge> For(Plan plan, Subscription subscription, bool firstInvoice, bool trial)
    {
        if (subscription.PriceOverride is { } partnerPrice)
        {
            // S4: a price override is what every invoice charges, whatever the plan's list prices.
            return [new PeriodCharge(LineType.Plan, plan.Code, $"{plan.Name} (partner price)", 1, partnerPrice)];
        }

        var price = plan.Prices[subscription.Currency];
        var charges = new List<PeriodCharge>();
        if (firstInvoice && price.SetupFee > 0)
        {
            charges.Add(new PeriodCharge(LineType.SetupFee, plan.Code, $"{plan.Name} setup fee", 1, price.SetupFee));
        }

        if (trial)
        {
            charges.Add(new PeriodCharge(LineType.Plan, plan.Code, $"{plan.Name} (trial)", subscription.Quantity, 0));
            return charges;
        }

        charges.Add(new PeriodCharge(LineType.Plan, plan.Code, plan.Name, subscription.Quantity, price.UnitAmount));
        foreach (var addOn in subscription.AddOns)
        {
            var definition = plan.AddOns.Single(a => a.Code == addOn.Code);
            charges.Add(new PeriodCharge(LineType.AddOn, addOn.Code, definition.Name, addOn.Quantity, definition.Prices[subscription.Currency]));
        }

        return charges;
    }

    /// <summary>S3 original_price: the list price of one paid period (plan fee × quantity + add-ons).</summary>
    public static long ListPriceOfPeriod(Plan plan, Subscription subscription)
    {
        var price = plan.Prices[subscription.Currency];
        return checked((subscription.Quantity * price.UnitAmount)
            + subscription.AddOns.Sum(a => a.Quantity * plan.AddOns.Single(d => d.Code == a.Code).Prices[subscription.Currency]));
    }
}
