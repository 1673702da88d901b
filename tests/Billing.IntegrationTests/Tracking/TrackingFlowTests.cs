using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// T6 end to end: a redemption opens a cid that Coupons stores with it, and every later invoice of a subscription
/// carrying that cid records a sale when it is paid (P7; the accounts pay by card) — through the outboxes, idempotently.
/// </summary>
public sealed class TrackingFlowTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private Task<HttpResponseMessage> SetClock(DateTimeOffset now) => api.Admin().PostJson("/api/test-clock", new { now });

    private async Task<List<JsonElement>> Invoices(string subscriptionId) =>
        (await api.Business().GetJson($"/api/invoices?subscription_id={subscriptionId}")).GetProperty("data").EnumerateArray().ToList();

    private async Task<List<JsonElement>> Sales(string cid) =>
        (await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray().ToList();

    private async Task<JsonElement> Redemption(string account) =>
        Assert.Single((await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray());

    private static string Number(JsonElement invoice) => invoice.GetProperty("number").GetInt64().ToString(CultureInfo.InvariantCulture);

    /// <summary>Plan A, an account in <paramref name="country"/>, a 10% forever coupon; couponredeem exists.</summary>
    private async Task<(Scenario Scenario, string Account, string Plan, string Coupon)> Shop(string country = "US")
    {
        var scenario = new Scenario(api);
        string account = scenario.Code("acct");
        string plan = scenario.Code("plan");
        string coupon = $"TEN-{scenario.Suffix}";
        await api.CouponRedeemTypeExists();
        await scenario.PlanA(plan);
        await api.Business().PostJson("/api/accounts", new { code = account, email = "billing@example.test", country }).Created();
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();
        await scenario.PercentCoupon(coupon, 10);
        return (scenario, account, plan, coupon);
    }

    [Fact]
    public async Task A_redemption_opens_a_cid_stored_with_it_and_every_later_invoice_records_a_sale_with_its_number_and_total_T6()
    {
        var (_, account, plan, coupon) = await Shop(country: "DE");
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();
        string subscriptionId = subscription.GetProperty("id").GetString()!;
        await api.DeliverEventsAsync();

        // The test clock stands still: the redemption comes a minute after the first invoice (an invoice of the same
        // instant as a redemption is credited to it, as a signup's is).
        Assert.Equal(HttpStatusCode.OK, (await SetClock((await api.NowAsync()).AddMinutes(1))).StatusCode);
        var redeemed = await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = coupon, currency = "USD" }).Created();
        await api.DeliverEventsAsync();

        // The redemption's couponredeem conversion opened a cid, located in the account's country, stored with the redemption.
        var redemption = await Redemption(account);
        string cid = redemption.GetProperty("cid").GetString()!;
        Assert.StartsWith("cid_", cid, StringComparison.Ordinal);
        var opened = Assert.Single((await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=couponredeem")).GetProperty("data").EnumerateArray());
        Assert.Equal(coupon, opened.GetProperty("coupon_code").GetString());
        Assert.Equal(redeemed.GetProperty("id").GetString(), opened.GetProperty("external_id").GetString());
        Assert.Equal("DE", opened.GetProperty("geo_location").GetString());
        // The first invoice was issued before the redemption: it is not the affiliate's sale.
        Assert.Empty(await Sales(cid));

        var periodEnd = subscription.GetProperty("current_period_end").GetDateTimeOffset();
        Assert.Equal(HttpStatusCode.OK, (await SetClock(periodEnd.AddMinutes(1))).StatusCode);
        await api.Admin().PostAsync("/api/bill-runs", null);
        await api.DeliverEventsAsync();
        Assert.Equal(HttpStatusCode.OK, (await SetClock(periodEnd.AddMonths(1).AddMinutes(1))).StatusCode);
        await api.Admin().PostAsync("/api/bill-runs", null);
        await api.DeliverEventsAsync();

        var invoices = await Invoices(subscriptionId);
        Assert.Equal(3, invoices.Count);
        var sales = await Sales(cid);
        Assert.Equal(invoices.Skip(1).Select(Number), sales.Select(s => s.GetProperty("external_id").GetString()));
        Assert.All(sales, sale =>
        {
            Assert.Equal("13.5", sale.GetProperty("amount").GetString());
            Assert.Equal("USD", sale.GetProperty("currency").GetString());
            Assert.Equal(coupon, sale.GetProperty("coupon_code").GetString());
            Assert.Equal(subscriptionId, sale.GetProperty("subscription_id").GetString());
            Assert.Equal("approved", sale.GetProperty("status").GetString());
        });
        Assert.Equal([13.50m, 13.50m], invoices.Skip(1).Select(i => i.GetProperty("total").GetDecimal()));
    }

    [Fact]
    public async Task Replaying_every_outbox_creates_no_second_conversion_sale_error_or_cid_T6()
    {
        var (_, account, plan, coupon) = await Shop();
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { coupon } }).Created();
        await api.DeliverEventsAsync();
        await SetClock(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1));
        await api.Admin().PostAsync("/api/bill-runs", null);
        await api.DeliverEventsAsync();
        string cid = (await Redemption(account)).GetProperty("cid").GetString()!;
        Assert.Equal(2, (await Sales(cid)).Count);
        string[] tables = ["tracking_conversions", "tracking_conversion_errors", "tracking_outbox", "tracking_inbox", "coupons_inbox"];
        var before = tables.ToDictionary(t => t, t => api.Scalar($"SELECT COUNT(*) FROM {t}"));

        api.Execute("UPDATE coupons_outbox SET ProcessedAt = NULL; UPDATE invoicing_outbox SET ProcessedAt = NULL; UPDATE tracking_outbox SET ProcessedAt = NULL;");
        await api.DeliverEventsAsync();

        foreach (string outbox in new[] { "coupons_outbox", "invoicing_outbox", "tracking_outbox" })
        {
            Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM {outbox} WHERE ProcessedAt IS NULL"));
            Assert.True(api.Scalar($"SELECT COUNT(*) FROM {outbox} WHERE Attempts >= 2") >= 1, $"{outbox} was delivered a second time");
        }

        Assert.Equal(before, tables.ToDictionary(t => t, t => api.Scalar($"SELECT COUNT(*) FROM {t}")));
        Assert.Equal(cid, (await Redemption(account)).GetProperty("cid").GetString());
        Assert.Equal(2, (await Sales(cid)).Count);
    }
}
