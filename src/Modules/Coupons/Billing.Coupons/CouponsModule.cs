using Billing.BuildingBlocks.Mapping;
using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Application;
using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
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

    /// <summary>
    /// Issue 21, for the load test's ceiling endpoint only: a redemption by the guarded statements alone (see
    /// <see cref="RedemptionCeiling"/>), in the scope of <paramref name="services"/>.
    /// </summary>
    public static Task<Result<RedemptionDto>> RedeemAtCeilingAsync(this IServiceProvider services, string accountCode, string couponCode, string currency, CancellationToken cancellationToken) =>
        services.GetRequiredService<RedemptionCeiling>().RedeemAsync(accountCode, couponCode, currency, cancellationToken);
}
