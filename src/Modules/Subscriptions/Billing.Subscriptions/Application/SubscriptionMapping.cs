using Billing.Invoicing.Contracts;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Mapster;

namespace Billing.Subscriptions.Application;

/// <summary>The Subscriptions DTOs, mapped by <see cref="SubscriptionsMappingConfig"/>.</summary>
internal static class SubscriptionMapping
{
    public static PlanDto ToDto(this Plan plan) => plan.Adapt<PlanDto>(SubscriptionsMappingConfig.Config);

    public static AccountDto ToDto(this Account account) => account.Adapt<AccountDto>(SubscriptionsMappingConfig.Config);

    /// <summary>The invoice, when there is one, is Invoicing's answer; whether it asks for payment is computed from its total (S5).</summary>
    public static SubscriptionDto ToDto(this Subscription subscription, InvoiceDto? invoice = null) =>
        subscription.Adapt<SubscriptionDto>(SubscriptionsMappingConfig.Config) with { PaymentRequired = invoice is null ? null : invoice.Total > 0, Invoice = invoice };

    /// <summary>The subscription as its integration events carry it.</summary>
    public static SubscriptionSnapshot ToSnapshot(this Subscription subscription) => new(
        subscription.Id,
        subscription.AccountCode,
        subscription.PlanCode,
        subscription.Currency,
        subscription.Quantity,
        Billing.SharedKernel.Wire<SubscriptionState>.Name(subscription.State),
        subscription.CurrentPeriodStart,
        subscription.CurrentPeriodEnd,
        subscription.ExpiresAt);

    public static PackageDto ToDto(this Package package) => package.Adapt<PackageDto>(SubscriptionsMappingConfig.Config);
}
