using Billing.BuildingBlocks.Mapping;
using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Invoicing.Application;
using Billing.Invoicing.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Invoicing;

/// <summary>Registers the Invoicing module: its DbContext, handlers and validators, and its Mapster configuration.</summary>
public static class InvoicingModule
{
    public static IServiceCollection AddInvoicingModule(this IServiceCollection services) =>
        services
            .AddModuleDbContext<InvoicingDbContext>(InvoicingDbContext.TablePrefix)
            .AddHandlersFrom(typeof(InvoicingModule).Assembly)
            .AddModuleMapping(InvoicingMappingConfig.Config);
}
