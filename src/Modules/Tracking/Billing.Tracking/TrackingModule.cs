using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Tracking.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tracking;

/// <summary>Registers the Tracking module: its DbContext, handlers and validators.</summary>
public static class TrackingModule
{
    public static IServiceCollection AddTrackingModule(this IServiceCollection services) =>
        services
            .AddModuleDbContext<TrackingDbContext>(TrackingDbContext.TablePrefix)
            .AddHandlersFrom(typeof(TrackingModule).Assembly);
}
