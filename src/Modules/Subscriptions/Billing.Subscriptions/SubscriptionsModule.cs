using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Subscriptions.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Subscriptions;

/// <summary>Registers the Subscriptions module: its DbContext, handlers and validators.</summary>
public static class SubscriptionsModule
{
    public static IServiceCollection AddSubscriptionsModule(this IServiceCollection services) =>
        services
            .AddModuleDbContext<SubscriptionsDbContext>(SubscriptionsDbContext.TablePrefix)
            .AddHandlersFrom(typeof(SubscriptionsModule).Assembly);
}
