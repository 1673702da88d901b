using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Webhooks.Application.WebhookEvents;
using Billing.Webhooks.Infrastructure;
using Billing.Webhooks.Infrastructure.Delivery;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Webhooks;

/// <summary>
/// Registers the Webhooks module: its DbContext, handlers and validators, a recorder of every integration event of
/// <see cref="WebhookEventCatalog"/>, the delivery run, and the <c>webhooks</c> HTTP client (<c>Billing:Webhooks</c>).
/// </summary>
public static class WebhooksModule
{
    public static IServiceCollection AddWebhooksModule(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("Billing:Webhooks");
        foreach (var type in WebhookEventCatalog.All)
        {
            services.AddTransient(
                typeof(INotificationHandler<>).MakeGenericType(type.IntegrationEvent),
                typeof(RecordWebhookEvent<>).MakeGenericType(type.IntegrationEvent));
        }

        services
            .AddHttpClient(WebhookSender.ClientName, (provider, client) => client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectTimeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = provider.GetRequiredService<WebhookAddressPolicy>().ConnectAsync,
            })
            .RedactLoggedHeaders(_ => true);

        return services
            .AddModuleDbContext<WebhooksDbContext>(WebhooksDbContext.TablePrefix)
            .AddSingleton<WebhookAddressPolicy>()
            .AddSingleton<WebhookSecrets>()
            .AddScoped<WebhookSender>()
            .AddScoped<EndpointDeliveryRun>()
            .AddHandlersFrom(typeof(WebhooksModule).Assembly);
    }
}
