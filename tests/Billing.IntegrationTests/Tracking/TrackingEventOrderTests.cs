using System.Globalization;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// P7 + issue 14.8: a signup commits CouponRedeemed (Coupons' outbox) and InvoiceIssued (Invoicing's) together; a
/// dispatch pass may deliver the invoice's events — and so its payment — before the redemption's. The sale is
/// recorded exactly once whichever order they arrive in. Dispatch runs only when the test asks, so it sets the order.
/// </summary>
public sealed class TrackingEventOrderTests : IClassFixture<BillingApiFactory>
{
    private const string Held = "2000-01-01 00:00:00";
    private readonly BillingApiFactory api;

    public TrackingEventOrderTests(BillingApiFactory api)
    {
        this.api = api;
        api.Settings["Billing:Outbox:DispatchEnabled"] = "false";
    }

    [Fact]
    public async Task A_paid_invoice_delivered_before_the_redemption_that_opens_its_cid_still_records_exactly_one_sale_P7_T6()
    {
        var (scenario, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        string coupon = $"TEN-{scenario.Suffix}";
        await api.CouponRedeemTypeExists();
        await scenario.PercentCoupon(coupon, 10);
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { coupon } }).Created();
        string number = subscription.InvoiceNumber().ToString(CultureInfo.InvariantCulture);

        // The adverse order: Coupons' outbox is held back while the invoice is issued, charged and paid.
        // Held: the coupon's creation (coupon.created, issue 16) and its redemption.
        Assert.Equal(2, api.Execute($"UPDATE coupons_outbox SET ProcessedAt = '{Held}' WHERE ProcessedAt IS NULL;"));
        await api.DeliverEventsAsync();
        Assert.Equal("paid", (await api.Invoice(subscription.InvoiceNumber())).GetProperty("state").GetString());
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM tracking_paid_invoices WHERE Number = {number}"));
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM tracking_conversions WHERE ExternalId = '{number}'"));

        api.Execute($"UPDATE coupons_outbox SET ProcessedAt = NULL WHERE ProcessedAt = '{Held}';");
        await api.DeliverEventsAsync();

        string cid = Assert.Single((await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray()).GetProperty("cid").GetString()!;
        var sale = Assert.Single((await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray());
        Assert.Equal(number, sale.GetProperty("external_id").GetString());
        Assert.Equal("63.5", sale.GetProperty("amount").GetString());
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM tracking_conversion_errors"));
    }

    [Fact]
    public async Task An_invoice_that_is_issued_but_not_paid_records_no_sale_P7()
    {
        var (scenario, account, plan) = await api.ShopAsync();
        string coupon = $"TEN-{scenario.Suffix}";
        await api.CouponRedeemTypeExists();
        await scenario.PercentCoupon(coupon, 10);
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { coupon } }).Created();
        await api.DeliverEventsAsync();
        string cid = Assert.Single((await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray()).GetProperty("cid").GetString()!;

        Assert.Empty((await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray());

        await api.Admin().PostJson($"/api/invoices/{subscription.InvoiceNumber()}/payments", new { amount = 63.50m, reference = "wire-7" }).Ok();
        await api.DeliverEventsAsync();
        Assert.Single((await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task A_zero_total_invoice_is_paid_at_issue_and_records_no_sale_P7_P1()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await api.Admin().PostJson("/api/plans", new
        {
            code = plan,
            name = "Plan",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 15.00m, setup_fee = 0m } },
        }).Created();
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string coupon = $"FREE-{scenario.Suffix}";
        await api.CouponRedeemTypeExists();
        await scenario.PercentCoupon(coupon, 100);

        var subscription = await api.SubscribeAsync(account, plan, new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { coupon } });

        Assert.Equal("paid", (await api.Invoice(subscription.InvoiceNumber())).GetProperty("state").GetString());
        string cid = Assert.Single((await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray()).GetProperty("cid").GetString()!;
        Assert.Empty((await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray());
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM tracking_paid_invoices WHERE Number = {subscription.InvoiceNumber()}"));
    }
}
