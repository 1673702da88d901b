using Billing.BuildingBlocks.Mapping;
using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Subscriptions.Application;
using Billing.Subscriptions.Application.Renewals;
using Billing.Subscriptions.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Subscriptions;

/// <summary>Registers the Subscriptions module: its DbContext, handlers and validators, and its Mapster configuration.</summary>
public static class SubscriptionsModule
{
    public static IServiceCollection AddSubscriptionsModule(this IServiceCollection services)
    {
        services.AddOptions<RenewalOptions>().BindConfiguration("Billing:Renewals").ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddModuleDbContext<SubscriptionsDbContext>(SubscriptionsDbContext.TablePrefix)
            .AddHandlersFrom(typeof(SubscriptionsModule).Assembly)
            .AddModuleMapping(SubscriptionsMappingConfig.Config);
    }
}
