using Billing.BuildingBlocks.Mapping;
using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Application;
using Billing.Coupons.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Coupons;

/// <summary>Registers the Coupons module: its DbContext, handlers and validators, and its Mapster configuration.</summary>
public static class CouponsModule
{
    public static IServiceCollection AddCouponsModule(this IServiceCollection services) =>
        services
            .AddModuleDbContext<CouponsDbContext>(CouponsDbContext.TablePrefix)
            .AddScoped<RedemptionCeiling>()
            .AddHandlersFrom(typeof(CouponsModule).Assembly)
            .AddModuleMapping(CouponsMappingConfig.Config);
}
