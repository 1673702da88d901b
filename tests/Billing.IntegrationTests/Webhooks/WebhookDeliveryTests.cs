using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Billing.Host.Jobs;
using Billing.Webhooks.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Webhooks end to end (issue 16): integration events from the outbox become signed posts to a real receiver on loopback
/// (Kestrel on a port of its own), delivered at least once by the <c>webhook-deliveries</c> job with backoff on the test clock.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Each_event_reaches_the_endpoint_once_signed_over_its_timestamp_and_body_with_the_endpoint_s_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api();
        var (endpoint, secret) = await RegisterAsync(api, receiver, "invoice.issued", "invoice.paid");
        long number = await InvoiceAsync(api);
        await api.Admin().PostJson($"/api/invoices/{number}/payments", new { amount = 65.00m, reference = "partner-1" }).Ok();

        await DeliverAsync(api);
        await DeliverAsync(api);

        var now = await api.NowAsync();
        var posts = receiver.Posts;
        Assert.Equal(["invoice.issued", "invoice.paid"], posts.Select(p => p.Type));
        Assert.All(posts, post => Assert.True(WebhookReceiver.Verifies(post, secret, now, Tolerance), $"signature {post.Signature} does not verify"));
        Assert.False(WebhookReceiver.Verifies(posts[0] with { Body = posts[0].Body.Replace("65", "66", StringComparison.Ordinal) }, secret, now, Tolerance));
        Assert.False(WebhookReceiver.Verifies(posts[0], secret, now + Tolerance + TimeSpan.FromSeconds(1), Tolerance));
        Assert.False(WebhookReceiver.Verifies(posts[0], "whsec_another", now, Tolerance));

        var issued = posts[0].Json;
        Assert.StartsWith("evt_", issued.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("v1", issued.GetProperty("api_version").GetString());
        Assert.Equal(JsonValueKind.String, issued.GetProperty("created_at").ValueKind);
        Assert.Equal(number, issued.GetProperty("data").GetProperty("invoice_number").GetInt64());
        Assert.Equal(65.00m, issued.GetProperty("data").GetProperty("total").GetDecimal());
        Assert.Equal(65.00m, posts[1].Json.GetProperty("data").GetProperty("amount_paid").GetDecimal());

        var events = (await api.Admin().GetJson("/api/events")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(posts.Select(p => p.Id), events.Select(e => e.GetProperty("id").GetString()).Where(id => posts.Any(p => p.Id == id)));

        var deliveries = await DeliveriesAsync(api, endpoint);
        Assert.All(deliveries, d =>
        {
            Assert.Equal("succeeded", d.GetProperty("status").GetString());
            var attempt = Assert.Single(d.GetProperty("attempts").EnumerateArray());
            Assert.Equal(200, attempt.GetProperty("response_status").GetInt32());
            Assert.True(attempt.GetProperty("latency_ms").GetInt64() >= 0);
        });
        Assert.DoesNotContain(secret, (await api.Admin().GetJson("/api/webhook-endpoints")).GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, (await api.Admin().GetJson($"/api/webhook-endpoints/{endpoint}")).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_answering_500_then_200_gets_the_event_exactly_once_more_after_the_first_backoff()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (n, _) => Task.FromResult(n == 1 ? 500 : 200);
        using var api = Api();
        var (endpoint, _) = await RegisterAsync(api, receiver, "invoice.issued");
        await InvoiceAsync(api);
        var start = await api.NowAsync();

        await DeliverAsync(api);
        await DeliverAsync(api);
        Assert.Single(receiver.Posts);
        var retrying = Assert.Single(await DeliveriesAsync(api, endpoint));
        Assert.Equal("pending", retrying.GetProperty("status").GetString());
        Assert.Equal(start.AddMinutes(1), retrying.GetProperty("next_attempt_at").GetDateTimeOffset());

        await SetClockAsync(api, start.AddMinutes(1));
        await DeliverAsync(api);
        await SetClockAsync(api, start.AddDays(4));
        await DeliverAsync(api);

        Assert.Equal(2, receiver.Posts.Count);
        Assert.Equal(receiver.Posts[0].Id, receiver.Posts[1].Id);
        var delivered = Assert.Single(await DeliveriesAsync(api, endpoint));
        Assert.Equal("succeeded", delivered.GetProperty("status").GetString());
        Assert.Equal([500, 200], delivered.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("response_status").GetInt32()));
        Assert.Equal(["failed", "succeeded"], delivered.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task One_resource_s_events_arrive_in_order_while_another_resource_s_events_go_ahead()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (n, _) => Task.FromResult(n == 1 ? 503 : 200);
        using var api = Api();
        await RegisterAsync(api, receiver, "invoice.issued", "invoice.paid");
        long first = await InvoiceAsync(api);
        await api.Admin().PostJson($"/api/invoices/{first}/payments", new { amount = 65.00m, reference = "partner-1" }).Ok();
        long second = await InvoiceAsync(api);
        var start = await api.NowAsync();

        // The first invoice's issued event fails; its paid event waits for it, the second invoice's event does not.
        await DeliverAsync(api);
        await DeliverAsync(api);
        await SetClockAsync(api, start.AddMinutes(1));
        await DeliverAsync(api);

        var posts = receiver.Posts.Select(p => (p.Type, Invoice: p.Json.GetProperty("data").GetProperty("invoice_number").GetInt64())).ToList();
        Assert.Equal(
            [("invoice.issued", first), ("invoice.issued", second), ("invoice.issued", first), ("invoice.paid", first)],
            posts);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_abandoned_after_three_days_shown_failed_and_can_be_retried_by_hand()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, aborted) => WebhookReceiver.Hang(aborted);
        using var api = Api(timeout: TimeSpan.FromMilliseconds(300));
        var (endpoint, _) = await RegisterAsync(api, receiver, "invoice.issued");
        await InvoiceAsync(api);
        var start = await api.NowAsync();

        await DeliverAsync(api);
        for (int run = 0; run < 30 && (await DeliveriesAsync(api, endpoint))[0] is var d && d.GetProperty("status").GetString() == "pending"; run++)
        {
            await SetClockAsync(api, d.GetProperty("next_attempt_at").GetDateTimeOffset());
            await DeliverAsync(api);
        }

        var failed = Assert.Single(await DeliveriesAsync(api, endpoint));
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("next_attempt_at").ValueKind);
        var attempts = failed.GetProperty("attempts").EnumerateArray().ToList();
        // 1 minute doubling to 12 hours: 11 attempts in the first 17 hours, then one every 12 hours until 3 days.
        Assert.Equal(15, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(JsonValueKind.Null, a.GetProperty("response_status").ValueKind));
        Assert.All(attempts, a => Assert.StartsWith("No answer within", a.GetProperty("error").GetString(), StringComparison.Ordinal));
        Assert.True(attempts[^1].GetProperty("attempted_at").GetDateTimeOffset() <= start.AddDays(3));
        Assert.Equal(15, receiver.Posts.Count);

        receiver.Answer = (_, _) => Task.FromResult(200);
        var retried = await api.Admin().PostJson($"/api/webhook-deliveries/{failed.GetProperty("id").GetString()}/retry", new { }).Ok();
        Assert.Equal("pending", retried.GetProperty("status").GetString());
        await DeliverAsync(api);
        Assert.Equal("succeeded", (await DeliveriesAsync(api, endpoint))[0].GetProperty("status").GetString());
        Assert.Equal(16, receiver.Posts.Count);
    }

    [Fact]
    public async Task A_dead_receiver_holds_neither_another_endpoint_s_deliveries_nor_an_api_request()
    {
        await using var dead = await WebhookReceiver.StartAsync();
        await using var healthy = await WebhookReceiver.StartAsync();
        dead.Answer = (_, aborted) => WebhookReceiver.Hang(aborted);
        using var api = Api(timeout: TimeSpan.FromSeconds(8));
        var (deadEndpoint, _) = await RegisterAsync(api, dead, "invoice.issued");
        var (healthyEndpoint, _) = await RegisterAsync(api, healthy, "invoice.issued");
        await InvoiceAsync(api);
        await api.DeliverEventsAsync();

        var run = DeliverAsync(api);
        await WaitUntilAsync(() => healthy.Posts.Count == 1 && dead.Posts.Count == 1);
        // The receiver has the post before the run records its answer.
        await WaitUntilAsync(() => api.Scalar($"SELECT COUNT(*) FROM webhooks_deliveries WHERE EndpointId = '{healthyEndpoint}' AND Status = 'succeeded'") == 1);
        Assert.Equal("succeeded", (await DeliveriesAsync(api, healthyEndpoint))[0].GetProperty("status").GetString());
        await InvoiceAsync(api);
        Assert.False(run.IsCompleted, "the run still waits for the dead receiver");

        await run;
        var deadDelivery = (await DeliveriesAsync(api, deadEndpoint))[0];
        Assert.Equal("pending", deadDelivery.GetProperty("status").GetString());
        Assert.Equal(1, deadDelivery.GetProperty("attempt_count").GetInt32());
    }

    [Fact]
    public async Task A_disabled_endpoint_gets_nothing_until_enabled_and_a_deleted_one_is_gone_with_its_deliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api();
        var (endpoint, _) = await RegisterAsync(api, receiver, WebhookAll);
        await InvoiceAsync(api);
        var disabled = await api.Admin().PostJson($"/api/webhook-endpoints/{endpoint}/disable", new { }).Ok();
        Assert.Equal("disabled", disabled.GetProperty("state").GetString());

        await DeliverAsync(api);
        Assert.Empty(receiver.Posts);
        var delivery = (await DeliveriesAsync(api, endpoint))[0].GetProperty("id").GetString();
        await (await api.Admin().PostJson($"/api/webhook-deliveries/{delivery}/retry", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "webhook_endpoint_disabled");

        await api.Admin().PostJson($"/api/webhook-endpoints/{endpoint}/enable", new { }).Ok();
        await DeliverAsync(api);
        Assert.Equal(["invoice.issued", "subscription.created"], receiver.Posts.Select(p => p.Type).Order(StringComparer.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await api.Admin().DeleteAsync($"/api/webhook-endpoints/{endpoint}")).StatusCode);
        await (await api.Admin().GetAsync($"/api/webhook-endpoints/{endpoint}/deliveries")).ShouldBeProblem(HttpStatusCode.NotFound, "webhook_endpoint_not_found");
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM webhooks_deliveries") + api.Scalar("SELECT COUNT(*) FROM webhooks_attempts"));
        Assert.Empty((await api.Admin().GetJson("/api/webhook-endpoints")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Pollers_read_the_same_events_page_by_page_after_the_last_id_they_saw()
    {
        using var api = Api();
        for (int i = 0; i < 3; i++)
        {
            await InvoiceAsync(api);
        }

        await api.DeliverEventsAsync();
        var events = (await api.Admin().GetJson("/api/events")).GetProperty("data").EnumerateArray().ToList();
        var all = events.Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(3, events.Count(e => e.GetProperty("type").GetString() == "invoice.issued"));
        Assert.Equal(3, events.Count(e => e.GetProperty("type").GetString() == "subscription.created"));

        var first = await api.Admin().GetJson("/api/events?limit=4");
        Assert.True(first.GetProperty("has_more").GetBoolean());
        string cursor = first.GetProperty("next_cursor").GetString()!;
        var second = await api.Admin().GetJson($"/api/events?after={cursor}&limit=4");
        Assert.False(second.GetProperty("has_more").GetBoolean());
        Assert.Equal(2, second.GetProperty("data").GetArrayLength());
        Assert.Equal(all, first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(all[^1], second.GetProperty("next_cursor").GetString());
    }

    [Fact]
    public async Task The_delivery_log_pages_newest_first_with_the_shared_page_shape_and_an_opaque_cursor()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api();
        var (endpoint, _) = await RegisterAsync(api, receiver, "invoice.issued");
        for (int i = 0; i < 3; i++)
        {
            await InvoiceAsync(api);
        }

        await DeliverAsync(api);
        var all = (await api.Admin().GetJson($"/api/webhook-endpoints/{endpoint}/deliveries")).GetProperty("data").EnumerateArray()
            .Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal(3, all.Count);

        var first = await api.Admin().GetJson($"/api/webhook-endpoints/{endpoint}/deliveries?limit=2");
        Assert.True(first.GetProperty("has_more").GetBoolean());
        string cursor = first.GetProperty("next_cursor").GetString()!;
        Assert.DoesNotContain(cursor, all);
        var second = await api.Admin().GetJson($"/api/webhook-endpoints/{endpoint}/deliveries?limit=2&cursor={cursor}");
        Assert.False(second.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        Assert.Equal(all, first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Select(d => d.GetProperty("id").GetString()));

        await (await api.Admin().GetAsync($"/api/webhook-endpoints/{endpoint}/deliveries?cursor={all[0]}")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_cursor");
        var limit = await (await api.Admin().GetAsync($"/api/webhook-endpoints/{endpoint}/deliveries?limit=201")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(limit.GetProperty("errors").TryGetProperty("limit", out _));
    }

    private const string WebhookAll = "*";

    /// <summary>A host whose webhooks may reach loopback (the receiver) but no other non-public address, posting with <paramref name="timeout"/>.</summary>
    private static BillingApiFactory Api(TimeSpan? timeout = null)
    {
        var api = new BillingApiFactory();
        api.Settings["Billing:Webhooks:AllowLoopback"] = "true";
        api.Settings["Billing:Webhooks:AllowPrivateNetworks"] = "false";
        api.Settings["Billing:Webhooks:Timeout"] = (timeout ?? TimeSpan.FromSeconds(5)).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        return api;
    }

    private static async Task<(string Id, string Secret)> RegisterAsync(BillingApiFactory api, WebhookReceiver receiver, params string[] events)
    {
        var endpoint = await api.Admin().PostJson("/api/webhook-endpoints", new { url = receiver.Url, events, description = "test receiver" }).Created();
        return (endpoint.GetProperty("id").GetString()!, endpoint.GetProperty("secret").GetString()!);
    }

    /// <summary>A new account subscribes to a new plan: its first invoice (65.00 USD, pending) is issued.</summary>
    private static async Task<long> InvoiceAsync(BillingApiFactory api)
    {
        var (_, account, plan) = await api.ShopAsync();
        return (await api.SubscribeAsync(account, plan)).InvoiceNumber();
    }

    /// <summary>Delivers the outboxes' events (they become webhook events), then runs the delivery job once.</summary>
    private static async Task<WebhookDeliveryCounts> DeliverAsync(BillingApiFactory api)
    {
        await api.DeliverEventsAsync();
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookDeliveriesJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<List<JsonElement>> DeliveriesAsync(BillingApiFactory api, string endpoint) =>
        [.. (await api.Admin().GetJson($"/api/webhook-endpoints/{endpoint}/deliveries")).GetProperty("data").EnumerateArray().Reverse()];

    private static Task SetClockAsync(BillingApiFactory api, DateTimeOffset now) => api.Admin().PostJson("/api/test-clock", new { now }).Ok();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting for the receivers");
            await Task.Delay(20);
        }
    }
}
