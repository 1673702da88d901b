using System.Globalization;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// T4 + T6 on a database of its own: with one subscription the renewal's number is known in advance (I1, gapless),
/// so the merchant's sale can take it before the invoice exists, whenever the dispatcher delivers.
/// </summary>
public sealed class TrackingInvoiceNumberTakenTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task An_invoice_whose_number_was_already_posted_as_a_sale_is_logged_as_a_duplicate_and_does_not_hold_up_the_outbox_T4_T6()
    {
        var scenario = new Scenario(api);
        string account = scenario.Code("acct");
        string coupon = $"TEN-{scenario.Suffix}";
        await api.CouponRedeemTypeExists();
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(account);
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();
        await scenario.PercentCoupon(coupon, 10);
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = scenario.Code("plan"), currency = "USD", coupon_codes = new[] { coupon } }).Created();
        await api.DeliverEventsAsync();
        string cid = Assert.Single((await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray()).GetProperty("cid").GetString()!;
        string renewal = (subscription.GetProperty("invoice").GetProperty("number").GetInt64() + 1).ToString(CultureInfo.InvariantCulture);
        var posted = await api.Business().PostConversion(new { cid, conversionTypeCode = "sale", amount = new { value = "1" }, externalId = renewal }).Created();

        await api.Admin().PostJson("/api/test-clock", new { now = subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1) }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null);
        await api.DeliverEventsAsync();

        var invoices = (await api.Business().GetJson($"/api/invoices?subscription_id={subscription.GetProperty("id").GetString()}")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(renewal, invoices[1].GetProperty("number").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM invoicing_outbox WHERE ProcessedAt IS NULL"));
        var sales = (await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray().ToList();
        var sale = Assert.Single(sales, s => s.GetProperty("external_id").GetString() == renewal);
        Assert.Equal("1", sale.GetProperty("amount").GetString());
        var logged = Assert.Single((await api.Business().GetJson("/api/tracking/errors?limit=200")).GetProperty("data").EnumerateArray());
        Assert.Equal("duplicate_external_id", logged.GetProperty("code").GetString());
        Assert.Equal(renewal, logged.GetProperty("external_id").GetString());
        Assert.Equal(posted.GetProperty("id").GetString(), logged.GetProperty("existing_conversion_id").GetString());
    }
}
