using System.Text.Json;
using Billing.Host.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16: the subscription and coupon lifecycle reaches a subscribed endpoint — a renewal (S6), an expiry (S9), a
/// change of plan or quantity now or at renewal (S8), an expiry for nonpayment when dunning is exhausted (P4), and a
/// coupon's early, redeem_by or max_redemptions expiry (the last with its redemption), restore and edit (C10–C14) —
/// each published in its change's transaction and delivered from the outbox, with the README's payload.
/// </summary>
public sealed class WebhookLifecycleEventTests
{
    private static Task RegisterAsync(BillingApiFactory api, WebhookReceiver receiver, params string[] events) =>
        api.Admin().PostJson("/api/webhook-endpoints", new { url = receiver.Url, events }).Created();

    private static async Task DeliverAsync(BillingApiFactory api)
    {
        await api.DeliverEventsAsync();
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDeliveriesJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<(string Id, string Plan, DateTimeOffset PeriodEnd, Scenario Scenario)> SubscribeAsync(BillingApiFactory api)
    {
        var (scenario, account, plan) = await api.ShopAsync();
        var subscription = await api.SubscribeAsync(account, plan);
        return (subscription.GetProperty("id").GetString()!, plan, subscription.GetProperty("current_period_end").GetDateTimeOffset(), scenario);
    }

    private static JsonElement Data(ReceivedPost post, string type)
    {
        Assert.Equal(type, post.Type);
        Assert.Equal("v1", post.Json.GetProperty("api_version").GetString());
        return post.Json.GetProperty("data");
    }

    [Fact]
    public async Task Subscription_renewed_carries_the_new_period_and_its_renewal_invoice_from_the_bill_run_S6()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api, receiver, "subscription.renewed");
        var (id, plan, end, _) = await SubscribeAsync(api);

        await api.BillRunAtAsync(end.AddMinutes(1));
        await DeliverAsync(api);

        var data = Data(Assert.Single(receiver.Posts), "subscription.renewed");
        Assert.Equal(id, data.GetProperty("subscription_id").GetString());
        Assert.Equal(plan, data.GetProperty("plan_code").GetString());
        Assert.Equal("active", data.GetProperty("state").GetString());
        Assert.Equal(end, data.GetProperty("current_period_start").GetDateTimeOffset());
        var invoice = await api.Invoice(data.GetProperty("invoice_number").GetInt64());
        Assert.Equal(id, invoice.GetProperty("subscription_id").GetString());
        Assert.Equal(end, invoice.GetProperty("period_start").GetDateTimeOffset());
    }

    [Fact]
    public async Task Subscription_expired_when_a_cancellation_at_period_end_takes_effect_S9()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api, receiver, "subscription.expired", "subscription.renewed");
        var (id, _, end, _) = await SubscribeAsync(api);
        await api.Business().PostJson($"/api/subscriptions/{id}/cancel", new { timeframe = "period_end" }).Ok();

        await api.BillRunAtAsync(end.AddMinutes(1));
        await DeliverAsync(api);

        var data = Data(Assert.Single(receiver.Posts), "subscription.expired");
        Assert.Equal(id, data.GetProperty("subscription_id").GetString());
        Assert.Equal("expired", data.GetProperty("state").GetString());
        Assert.Equal("canceled", data.GetProperty("expire_reason").GetString());
        Assert.Equal(end, data.GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Subscription_expired_for_nonpayment_once_when_dunning_is_exhausted_P4()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api, receiver, "subscription.expired", "invoice.failed");
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Declines);
        var subscription = await api.SubscribeAsync(account, plan);
        string id = subscription.GetProperty("id").GetString()!;
        long number = subscription.InvoiceNumber();
        var start = await api.NowAsync();

        for (int day = 1; day <= 9; day++)
        {
            await api.BillRunAtAsync(start.AddDays(day).AddMinutes(1));
            await DeliverAsync(api);
        }

        Assert.Equal(["invoice.failed", "subscription.expired"], receiver.Posts.Select(p => p.Type).Order(StringComparer.Ordinal));
        Assert.Equal(number, Data(receiver.Posts.Single(p => p.Type == "invoice.failed"), "invoice.failed").GetProperty("invoice_number").GetInt64());
        var data = Data(receiver.Posts.Single(p => p.Type == "subscription.expired"), "subscription.expired");
        Assert.Equal(id, data.GetProperty("subscription_id").GetString());
        Assert.Equal("expired", data.GetProperty("state").GetString());
        Assert.Equal("nonpayment", data.GetProperty("expire_reason").GetString());
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM subscriptions_outbox WHERE Type LIKE '%SubscriptionExpired%' AND Payload LIKE '%{id}%' AND Payload LIKE '%nonpayment%'"));
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM webhooks_events WHERE Type = 'subscription.expired' AND Payload LIKE '%{id}%'"));
    }

    [Fact]
    public async Task Subscription_changed_carries_the_new_and_the_previous_plan_when_it_changes_now_S8()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api, receiver, "subscription.changed");
        var (id, plan, _, scenario) = await SubscribeAsync(api);
        string other = scenario.Code("other");
        await scenario.PlanA(other);

        await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = other, quantity = 2, timeframe = "now" }).Ok();
        await DeliverAsync(api);

        var data = Data(Assert.Single(receiver.Posts), "subscription.changed");
        Assert.Equal(id, data.GetProperty("subscription_id").GetString());
        Assert.Equal(other, data.GetProperty("plan_code").GetString());
        Assert.Equal(2, data.GetProperty("quantity").GetInt32());
        Assert.Equal(plan, data.GetProperty("previous_plan_code").GetString());
        Assert.Equal(1, data.GetProperty("previous_quantity").GetInt32());
    }

    [Fact]
    public async Task A_change_scheduled_for_renewal_is_published_when_the_bill_run_applies_it_then_the_renewal_S8()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api, receiver, "subscription.changed", "subscription.renewed");
        var (id, plan, end, scenario) = await SubscribeAsync(api);
        string other = scenario.Code("other");
        await scenario.PlanA(other);
        await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = other, timeframe = "renewal" }).Ok();
        await DeliverAsync(api);
        Assert.Empty(receiver.Posts);

        await api.BillRunAtAsync(end.AddMinutes(1));
        await DeliverAsync(api);

        Assert.Equal(["subscription.changed", "subscription.renewed"], receiver.Posts.Select(p => p.Type));
        var changed = Data(receiver.Posts[0], "subscription.changed");
        Assert.Equal(other, changed.GetProperty("plan_code").GetString());
        Assert.Equal(plan, changed.GetProperty("previous_plan_code").GetString());
        Assert.Equal(end, changed.GetProperty("current_period_start").GetDateTimeOffset());
        Assert.Equal(other, Data(receiver.Posts[1], "subscription.renewed").GetProperty("plan_code").GetString());
    }

    [Fact]
    public async Task Coupon_expired_early_then_restored_carry_the_coupon_s_state_C12_C14()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api, receiver, "coupon.expired", "coupon.restored");
        var coupon = await new Scenario(api).PercentCoupon($"LIFE{Guid.NewGuid():N}"[..12], 10);
        string id = coupon.GetProperty("id").GetString()!;

        await api.Admin().PostAsync($"/api/coupons/{id}/expire", null).Ok();
        await api.Admin().PostJson($"/api/coupons/{id}/restore", new { }).Ok();
        await DeliverAsync(api);

        Assert.Equal(["coupon.expired", "coupon.restored"], receiver.Posts.Select(p => p.Type));
        var expired = Data(receiver.Posts[0], "coupon.expired");
        Assert.Equal(id, expired.GetProperty("coupon_id").GetString());
        Assert.Equal(coupon.GetProperty("code").GetString(), expired.GetProperty("code").GetString());
        Assert.Equal("expired", expired.GetProperty("state").GetString());
        Assert.Equal("manual", expired.GetProperty("expire_reason").GetString());
        var restored = Data(receiver.Posts[1], "coupon.restored");
        Assert.Equal("redeemable", restored.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("expire_reason").ValueKind);
    }

    [Fact]
    public async Task Coupon_expired_by_its_redeem_by_in_the_bill_run_C13()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api, receiver, "coupon.expired");
        var now = await api.NowAsync();
        var coupon = await api.Admin().PostJson("/api/coupons", new
        {
            code = $"SOON{Guid.NewGuid():N}"[..12],
            name = "Ends soon",
            discount = new { type = "percent", percent = 10 },
            redeem_by = now.AddDays(1).ToString("O"),
        }).Created();

        await api.BillRunAtAsync(now.AddDays(2));
        await DeliverAsync(api);

        var data = Data(Assert.Single(receiver.Posts), "coupon.expired");
        Assert.Equal(coupon.GetProperty("id").GetString(), data.GetProperty("coupon_id").GetString());
        Assert.Equal("expired", data.GetProperty("state").GetString());
        Assert.Equal("redeem_by", data.GetProperty("expire_reason").GetString());
        Assert.Equal(coupon.GetProperty("redeem_by").GetDateTimeOffset(), data.GetProperty("redeem_by").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_redemption_that_takes_the_last_slot_publishes_coupon_expired_after_redemption_created_and_a_refused_one_nothing_C10_C13()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api, receiver, "redemption.created", "coupon.expired");
        var scenario = new Scenario(api);
        string code = $"CAP{Guid.NewGuid():N}"[..12];
        string id = (await scenario.PercentCoupon(code, 10, maxRedemptions: 1)).GetProperty("id").GetString()!;
        string first = scenario.Code("first");
        string second = scenario.Code("second");
        await scenario.Account(first);
        await scenario.Account(second);

        var redemption = await api.Business().PostJson($"/api/accounts/{first}/redemptions", new { coupon_code = code, currency = "USD" }).Created();
        await DeliverAsync(api);
        var refused = await api.Business().PostJson($"/api/accounts/{second}/redemptions", new { coupon_code = code, currency = "USD" });
        await DeliverAsync(api);

        await refused.ShouldBeProblem(System.Net.HttpStatusCode.UnprocessableEntity, "max_redemptions_reached");
        Assert.Equal(["redemption.created", "coupon.expired"], receiver.Posts.Select(p => p.Type));
        Assert.Equal(redemption.GetProperty("id").GetString(), Data(receiver.Posts[0], "redemption.created").GetProperty("redemption_id").GetString());
        var expired = Data(receiver.Posts[1], "coupon.expired");
        Assert.Equal(id, expired.GetProperty("coupon_id").GetString());
        Assert.Equal("expired", expired.GetProperty("state").GetString());
        Assert.Equal("max_redemptions", expired.GetProperty("expire_reason").GetString());
        Assert.Equal(1, expired.GetProperty("max_redemptions").GetInt32());
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM coupons_outbox WHERE Type LIKE '%CouponExpired%' AND Payload LIKE '%{id}%'"));
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM coupons_outbox WHERE Type LIKE '%CouponRedeemed%' AND Payload LIKE '%{id}%'"));
    }

    [Fact]
    public async Task Coupon_updated_carries_the_edited_coupon_C11()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = WebhookHosts.Api();
        await RegisterAsync(api, receiver, "coupon.updated");
        var coupon = await new Scenario(api).PercentCoupon($"EDIT{Guid.NewGuid():N}"[..12], 10);
        string id = coupon.GetProperty("id").GetString()!;

        await api.Admin().PatchJson($"/api/coupons/{id}", new { name = "Renamed", max_redemptions = 50 }).Ok();
        await DeliverAsync(api);

        var data = Data(Assert.Single(receiver.Posts), "coupon.updated");
        Assert.Equal(id, data.GetProperty("coupon_id").GetString());
        Assert.Equal("Renamed", data.GetProperty("name").GetString());
        Assert.Equal(50, data.GetProperty("max_redemptions").GetInt32());
        Assert.Equal("single_code", data.GetProperty("coupon_type").GetString());
        Assert.Equal("redeemable", data.GetProperty("state").GetString());
    }
}
