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
            return Error.Rule("currency_not_supported", $"Plan '{plan.Code}' has no price in {currency}.");
        }

        foreach (var addOn in addOns)
        {
            if (plan.AddOns.FirstOrDefault(a => a.Code == addOn.Code) is not { } definition)
            {
                return Error.Rule("add_on_not_found", $"Plan '{plan.Code}' has no add-on '{addOn.Code}'.");
            }

            if (!definition.Prices.ContainsKey(currency))
            {
                return Error.Rule("currency_not_supported", $"Add-on '{addOn.Code}' has no price in {currency}.");
            }
        }

        return null;
    }
}
