using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;

namespace Billing.Subscriptions.Application;

internal static class SubscriptionMapping
{
    public static PlanDto ToDto(this Plan plan) => new(
        plan.Code,
        plan.Name,
        new IntervalSpec(plan.IntervalLength, Wire<IntervalUnit>.Name(plan.IntervalUnit)),
        plan.Trial is { } trial ? new IntervalSpec(trial.Length, Wire<IntervalUnit>.Name(trial.Unit)) : null,
        plan.Prices.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new PlanCurrencySpec(p.Key, Major(p.Value.UnitAmount, p.Key), Major(p.Value.SetupFee, p.Key)))
            .ToList(),
        plan.AddOns.Select(a => new AddOnSpec(
            a.Code,
            a.Name,
            a.Prices.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new AddOnCurrencySpec(p.Key, Major(p.Value, p.Key))).ToList())).ToList(),
        plan.CreatedAt);

    public static AccountDto ToDto(this Account account) =>
        new(account.Code, account.Email, account.Country, account.TaxRate, account.CreatedAt);

    public static SubscriptionDto ToDto(this Subscription subscription, InvoiceDto? invoice = null) => new(
        subscription.Id,
        subscription.AccountCode,
        subscription.PlanCode,
        subscription.Currency,
        subscription.Quantity,
        subscription.AddOns.Select(a => new AddOnQuantity(a.Code, a.Quantity)).ToList(),
        Wire<SubscriptionState>.Name(subscription.State),
        subscription.CurrentPeriodStart,
        subscription.CurrentPeriodEnd,
        Major(subscription.OriginalPrice, subscription.Currency),
        Major(subscription.PurchasePrice, subscription.Currency),
        subscription.CreatedAt,
        subscription.TrialEndsAt,
        subscription.CanceledAt,
        subscription.ExpiresAt,
        subscription.PendingPlanCode is { } pending ? new PendingChangeDto(pending, subscription.PendingQuantity ?? subscription.Quantity) : null,
        subscription.PriceOverride is { } price
            ? new PriceOverrideDto(Major(price, subscription.Currency), subscription.PaymentType!, subscription.ChargedBy, subscription.DiscountCodeName, subscription.ExternalCouponCode)
            : null,
        invoice is null ? null : invoice.Total > 0,
        invoice,
        subscription.ExpireReason);

    public static PackageDto ToDto(this Package package) => new(
        package.Code,
        package.Name,
        package.Prices.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new AddOnCurrencySpec(p.Key, Major(p.Value, p.Key))).ToList(),
        package.CreatedAt);

    public static decimal Major(long minor, string currency) => new Money(minor, Currency.Of(currency)).ToMajor();
}
