using Billing.Host.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.IntegrationTests;

/// <summary>The webhook tests' host, registration and delivery, written once for their classes.</summary>
internal static class WebhookHosts
{
    /// <summary>A host that may post to a loopback receiver (the tests' <see cref="WebhookReceiver"/>) and to no private network.</summary>
    public static BillingApiFactory Api()
    {
        var api = new BillingApiFactory();
        api.Settings["Billing:Webhooks:AllowLoopback"] = "true";
        api.Settings["Billing:Webhooks:AllowPrivateNetworks"] = "false";
        return api;
    }

    /// <summary>Registers an endpoint for <c>coupon.created</c> at the receiver; answers its id and the secret shown once.</summary>
    public static async Task<(string Id, string Secret)> RegisterAsync(HttpClient admin, WebhookReceiver receiver)
    {
        var endpoint = await admin.PostJson("/api/webhook-endpoints", new { url = receiver.Url, events = new[] { "coupon.created" } }).Created();
        return (endpoint.GetProperty("id").GetString()!, endpoint.GetProperty("secret").GetString()!);
    }

    /// <summary>Delivers the outboxes' events of <paramref name="outboxes"/>, then runs <paramref name="host"/>'s webhook deliveries job once.</summary>
    public static async Task DeliverAsync(WebApplicationFactory<Program> host, BillingApiFactory outboxes)
    {
        await outboxes.DeliverEventsAsync();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDeliveriesJob>().RunAsync(CancellationToken.None);
    }
}
