using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Payments.Application.Collection;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.Payments.Infrastructure.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Payments;

/// <summary>
/// Registers the Payments module: its DbContext, handlers and validators, the collector, dunning's schedule
/// (<c>Billing:Payments:Dunning:RetryDays</c>) and the payment gateway — the built-in test gateway (P3).
/// </summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPaymentsModule(this IServiceCollection services)
    {
        services.AddOptions<DunningOptions>().BindConfiguration("Billing:Payments:Dunning");
        return services
            .AddModuleDbContext<PaymentsDbContext>(PaymentsDbContext.TablePrefix)
            .AddSingleton<IPaymentGateway, TestPaymentGateway>()
            .AddScoped<Collector>()
            .AddScoped<RefundRetries>()
            .AddHandlersFrom(typeof(PaymentsModule).Assembly);
    }
}
