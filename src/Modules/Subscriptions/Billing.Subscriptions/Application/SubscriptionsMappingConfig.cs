using Billing.BuildingBlocks.Mapping;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Mapster;

namespace Billing.Subscriptions.Application;

/// <summary>
/// The Subscriptions module's Mapster configuration, entity → DTO: members of the same name are copied, enums map
/// to their wire names, amounts to major units of their currency through the registered converters, and prices
/// per currency are listed by currency code. <see cref="SubscriptionsModule"/> registers it, to be compiled when the host starts.
/// </summary>
internal static class SubscriptionsMappingConfig
{
    /// <summary>The module's configuration (each pair compiles on first use, and the whole once the host has started).</summary>
    public static TypeAdapterConfig Config { get; } = Create();

    /// <summary>A new, uncompiled configuration (the tests compile it themselves).</summary>
    public static TypeAdapterConfig Create()
    {
        var config = ModuleMapping.NewConfig()
            .MapToWireName<IntervalUnit>()
            .MapToWireName<SubscriptionState>()
            .MapToWireName<CollectionMethod>();

        config.NewConfig<KeyValuePair<string, long>, AddOnCurrencySpec>()
            .MapWith(price => new AddOnCurrencySpec(price.Key, ModuleMapping.Money(price.Value, price.Key).ToMajor()));
        config.NewConfig<KeyValuePair<string, PlanPrice>, PlanCurrencySpec>()
            .MapWith(price => new PlanCurrencySpec(
                price.Key,
                ModuleMapping.Money(price.Value.UnitAmount, price.Key).ToMajor(),
                ModuleMapping.Money(price.Value.SetupFee, price.Key).ToMajor()));

        config.NewConfig<Plan, PlanDto>()
            .Map(dto => dto.Currencies, plan => plan.Prices.OrderBy(price => price.Key, StringComparer.Ordinal))
            .Map(dto => dto.State, plan => plan.ArchivedAt == null ? PlanStates.Active : PlanStates.Archived);
        config.NewConfig<PlanAddOn, AddOnSpec>()
            .Map(dto => dto.Currencies, addOn => addOn.Prices.OrderBy(price => price.Key, StringComparer.Ordinal));
        config.NewConfig<Package, PackageDto>()
            .Map(dto => dto.Currencies, package => package.Prices.OrderBy(price => price.Key, StringComparer.Ordinal));
        config.NewConfig<Account, AccountDto>()
            .Map(dto => dto.TaxRate, account => account.TaxRate.WithoutTrailingZeros())
            .Ignore(dto => dto.CreditBalances);

        config.NewConfig<Subscription, SubscriptionDto>()
            .Map(dto => dto.OriginalPrice, subscription => ModuleMapping.Money(subscription.OriginalPrice, subscription.Currency))
            .Map(dto => dto.PurchasePrice, subscription => ModuleMapping.Money(subscription.PurchasePrice, subscription.Currency))
            .Map(dto => dto.PendingChange, subscription => subscription.PendingPlanCode != null ? subscription : null)
            .Map(dto => dto.PriceOverride, subscription => subscription.PriceOverride != null ? subscription : null)
            .Ignore(dto => dto.PaymentRequired!, dto => dto.Invoice!);
        config.NewConfig<Subscription, PendingChangeDto>()
            .Map(change => change.PlanCode, subscription => subscription.PendingPlanCode!)
            .Map(change => change.Quantity, subscription => subscription.PendingQuantity ?? subscription.Quantity);
        config.NewConfig<Subscription, PriceOverrideDto>()
            .Map(price => price.Price, subscription => ModuleMapping.Money(subscription.PriceOverride!.Value, subscription.Currency))
            .Map(price => price.PaymentType, subscription => subscription.PaymentType!)
            .Map(price => price.CouponCode, subscription => subscription.ExternalCouponCode);
        return config;
    }
}
