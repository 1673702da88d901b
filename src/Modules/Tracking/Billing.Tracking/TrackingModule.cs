using Billing.BuildingBlocks.Mapping;
using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Tracking.Application;
using Billing.Tracking.Application.RedeemConversions;
using Billing.Tracking.Application.Sales;
using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Contracts;
using Billing.Tracking.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tracking;

/// <summary>Registers the Tracking module: its DbContext, handlers, validators, the conversion ledger and its Mapster configuration.</summary>
public static class TrackingModule
{
    public static IServiceCollection AddTrackingModule(this IServiceCollection services) =>
        services
            .AddModuleDbContext<TrackingDbContext>(TrackingDbContext.TablePrefix)
            .AddScoped<ConversionLedger>()
            .AddScoped<SaleCeiling>()
            .AddScoped<InvoiceSales>()
            .AddSingleton<UntrackedRedemptionsNotice>()
            .AddHandlersFrom(typeof(TrackingModule).Assembly)
            .AddModuleMapping(TrackingMappingConfig.Config);

    /// <summary>
    /// Issue 21, for the load test's ceiling endpoint only: a sale by the guarded statements alone (see
    /// <see cref="SaleCeiling"/>), in the scope of <paramref name="services"/>.
    /// </summary>
    public static Task<Result<ConversionOutcome>> RecordSaleAtCeilingAsync(this IServiceProvider services, ConversionInput input, CancellationToken cancellationToken) =>
        services.GetRequiredService<SaleCeiling>().RecordAsync(input, cancellationToken);
}
