using Billing.BuildingBlocks.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 19: several hosts on one PostgreSQL database each run a dispatcher. A pass claims an outbox, so two
/// dispatchers never deliver one message at once (each is marked delivered exactly once and handled once per handler),
/// and a claim its dispatcher never releases (a hung host) is taken over when its lease runs out.
/// </summary>
public sealed class OutboxClaimTests : IClassFixture<BillingApiFactory>
{
    private readonly BillingApiFactory api;

    public OutboxClaimTests(BillingApiFactory api)
    {
        this.api = api;
        api.Settings["Billing:Outbox:DispatchEnabled"] = "false";
    }

    [PostgresOnlyFact]
    public async Task Two_dispatchers_on_one_database_deliver_every_event_exactly_once_per_handler()
    {
        const int Redemptions = 250;
        string coupon = await RedeemAsync(Redemptions);
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(api.Services);

        int delivered = 0;
        for (int pass = 0; pass < 50 && Pending() > 0; pass++)
        {
            delivered += (await Task.WhenAll(api.DeliverEventsAsync(), second.DispatchPendingAsync(CancellationToken.None))).Sum();
        }

        Assert.Equal(0, Pending());
        Assert.Equal(Redemptions, api.Scalar($"SELECT COUNT(*) FROM tracking_conversions WHERE CouponCode = '{coupon}'"));

        // Marked delivered once each (a second delivery would have counted a second attempt), and nothing failed.
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE Attempts <> 1 OR LastError IS NOT NULL"));
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM tracking_outbox WHERE Attempts <> 1 OR LastError IS NOT NULL"));
        long redeemed = api.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE Type LIKE '%CouponRedeemed%'");
        Assert.Equal(redeemed, api.Scalar("SELECT COUNT(*) FROM tracking_inbox WHERE Handler LIKE '%RecordCouponRedeemConversion'"));
        Assert.Equal(redeemed, api.Scalar("SELECT COUNT(*) FROM webhooks_events WHERE Type = 'redemption.created'"));
        Assert.True(delivered >= 2 * Redemptions, $"{delivered} messages delivered for {Redemptions} redemptions and their conversions");
    }

    [PostgresOnlyFact]
    public async Task A_claim_its_dispatcher_never_releases_is_taken_over_after_the_lease()
    {
        await RedeemAsync(3);
        await using var scope = api.Services.CreateAsyncScope();
        var coupons = scope.ServiceProvider.GetServices<IModuleOutbox>().Single(outbox => outbox.Name == "coupons");
        var hung = await coupons.ClaimAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.NotNull(hung);

        await api.DeliverEventsAsync();
        Assert.Equal(3, api.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL AND Type LIKE '%CouponRedeemed%'"));
        Assert.Null(await coupons.ClaimAsync(TimeSpan.FromSeconds(2), CancellationToken.None));

        await Task.Delay(TimeSpan.FromSeconds(4));
        await api.DeliverEventsAsync();

        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL"));
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE Attempts <> 1"));
        await hung.DisposeAsync();
    }

    private long Pending() => api.Scalar(
        "SELECT (SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL) + (SELECT COUNT(*) FROM tracking_outbox WHERE ProcessedAt IS NULL)");

    /// <summary>Redeems a new coupon on <paramref name="count"/> new accounts, with delivery held: their events wait in Coupons' outbox.</summary>
    private async Task<string> RedeemAsync(int count)
    {
        var scenario = new Scenario(api);
        string coupon = scenario.Code("CLAIM");
        await api.CouponRedeemTypeExists();
        await scenario.PercentCoupon(coupon, 10);
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                string account = (await scenario.Account(scenario.Code($"claim{i}"))).GetProperty("code").GetString()!;
                await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = coupon, currency = "USD" }).Created();
            }
            finally
            {
                gate.Release();
            }
        }));
        return coupon;
    }
}
