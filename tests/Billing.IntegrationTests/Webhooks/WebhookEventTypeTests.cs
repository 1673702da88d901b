using System.Net.Http.Headers;
using System.Text.Json;
using Billing.Host.Jobs;
using Billing.Webhooks.Contracts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16: the coupon and subscription events reach a real receiver on loopback as versioned webhook payloads
/// (<c>id</c>, <c>type</c>, <c>api_version</c>, <c>created_at</c>, <c>data</c>), one test per type; the endpoint's signing
/// secret never reaches the host's logs.
/// </summary>
public sealed class WebhookEventTypeTests
{
    private static async Task<string> RegisterAsync(HttpClient admin, WebhookReceiver receiver, params string[] events) =>
        (await admin.PostJson("/api/webhook-endpoints", new { url = receiver.Url, events }).Created()).GetProperty("secret").GetString()!;

    private static async Task<WebhookDeliveryCounts> DeliverAsync(WebApplicationFactory<Program> api, BillingApiFactory outboxes)
    {
        await outboxes.DeliverEventsAsync();
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookDeliveriesJob>().RunAsync(CancellationToken.None);
    }

    private static void AssertEnvelope(ReceivedPost post, string type)
    {
        Assert.Equal(type, post.Type);
        Assert.StartsWith("evt_", post.Id, StringComparison.Ordinal);
        Assert.Equal("v1", post.Json.GetProperty("api_version").GetString());
        Assert.Equal(JsonValueKind.String, post.Json.GetProperty("created_at").ValueKind);
    }

    private static async Task<(string Account, string Plan, string Subscription)> SubscribeAsync(BillingApiFactory api)
    {
        var (_, account, plan) = await api.ShopAsync();
        string id = (await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created()).GetProperty("id").GetString()!;
        return (account, plan, id);
    }

    [Fact]
    public async Task Coupon_created_carries_the_coupon()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api.Admin(), receiver, "coupon.created");
        var coupon = await new Scenario(api).PercentCoupon($"HOOK{Guid.NewGuid():N}"[..12], 10);

        await DeliverAsync(api, api);

        var post = Assert.Single(receiver.Posts);
        AssertEnvelope(post, "coupon.created");
        var data = post.Json.GetProperty("data");
        Assert.Equal(coupon.GetProperty("id").GetString(), data.GetProperty("coupon_id").GetString());
        Assert.Equal(coupon.GetProperty("code").GetString(), data.GetProperty("code").GetString());
        Assert.Equal("single_code", data.GetProperty("coupon_type").GetString());
    }

    [Fact]
    public async Task Subscription_created_carries_the_subscription()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api.Admin(), receiver, "subscription.created");
        var (account, plan, id) = await SubscribeAsync(api);

        await DeliverAsync(api, api);

        var post = Assert.Single(receiver.Posts);
        AssertEnvelope(post, "subscription.created");
        var data = post.Json.GetProperty("data");
        Assert.Equal(id, data.GetProperty("subscription_id").GetString());
        Assert.Equal(account, data.GetProperty("account_code").GetString());
        Assert.Equal(plan, data.GetProperty("plan_code").GetString());
        Assert.Equal("active", data.GetProperty("state").GetString());
        Assert.Equal(1, data.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Subscription_canceled_carries_the_state_and_when_it_ends_S9()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api.Admin(), receiver, "subscription.canceled");
        var (_, _, id) = await SubscribeAsync(api);
        var canceled = await api.Business().PostJson($"/api/subscriptions/{id}/cancel", new { timeframe = "period_end" }).Ok();

        await DeliverAsync(api, api);

        var post = Assert.Single(receiver.Posts);
        AssertEnvelope(post, "subscription.canceled");
        var data = post.Json.GetProperty("data");
        Assert.Equal(id, data.GetProperty("subscription_id").GetString());
        Assert.Equal("canceled", data.GetProperty("state").GetString());
        Assert.Equal(canceled.GetProperty("current_period_end").GetDateTimeOffset(), data.GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Subscription_reactivated_carries_the_live_subscription_S9()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api.Admin(), receiver, "subscription.reactivated");
        var (_, _, id) = await SubscribeAsync(api);
        await api.Business().PostJson($"/api/subscriptions/{id}/cancel", new { timeframe = "period_end" }).Ok();
        await api.Business().PostAsync($"/api/subscriptions/{id}/reactivate", null).Ok();

        await DeliverAsync(api, api);

        var post = Assert.Single(receiver.Posts);
        AssertEnvelope(post, "subscription.reactivated");
        var data = post.Json.GetProperty("data");
        Assert.Equal(id, data.GetProperty("subscription_id").GetString());
        Assert.Equal("active", data.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("expires_at").ValueKind);
    }

    [Fact]
    public async Task The_signing_secret_never_reaches_the_logs_when_the_endpoint_is_created_or_a_delivery_is_signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        var logs = new CardDataTests.CapturingLoggerProvider();
        using var host = api.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        });
        var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BillingApiFactory.AdminToken);

        string secret = await RegisterAsync(admin, receiver, "coupon.created");
        await admin.PostJson("/api/coupons", new { code = $"LOG{Guid.NewGuid():N}"[..12], name = "10% off", discount = new { type = "percent", percent = 10 }, duration = new { type = "forever" } }).Created();
        await host.Services.GetRequiredService<Billing.BuildingBlocks.Outbox.OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebhookDeliveriesJob>().RunAsync(CancellationToken.None);
        }

        Assert.Single(receiver.Posts);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains(secret, StringComparison.Ordinal) || m.Contains(secret["whsec_".Length..], StringComparison.Ordinal));
    }
}
