using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;

namespace Billing.Subscriptions.Application;

/// <summary>S1/S3: a subscription's plan and add-ons must have prices in its currency.</summary>
internal static class AddOnRules
{
    public static Error? Refusal(Plan plan, string currency, IEnumerable<AddOnQuantity> addOns)
    {
        if (!plan.Prices.ContainsKey(currency))
        {
            return SubscriptionErrors.PlanCurrencyNotSupported(plan.Code, currency);
        }

        foreach (var addOn in addOns)
        {
            if (plan.AddOns.FirstOrDefault(a => a.Code == addOn.Code) is not { } definition)
            {
                return SubscriptionErrors.AddOnNotFound(plan.Code, addOn.Code);
            }

            if (!definition.Prices.ContainsKey(currency))
            {
                return SubscriptionErrors.AddOnCurrencyNotSupported(addOn.Code, currency);
            }
        }

        return null;
    }
}
