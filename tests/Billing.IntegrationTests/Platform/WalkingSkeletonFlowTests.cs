using System.Text.Json;
using Billing.TestKit;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// The flow that proves the skeleton (issue 2): plan A, an account, a 10% forever coupon, a subscription with
/// the add-on and the coupon; its first invoice is 69.80 (I3), rendered, and the integration events reach
/// their handlers in other modules through the outbox.
/// </summary>
public sealed class WalkingSkeletonFlowTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task A_subscription_with_a_ten_percent_coupon_is_invoiced_69_80_and_its_events_reach_tracking_and_coupons()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan-a");
        string account = scenario.Code("acme");
        string code = $"SAVE10-{scenario.Suffix}";
        await scenario.PlanA(plan);
        await scenario.Account(account);
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();
        var coupon = await scenario.PercentCoupon(code, 10, invoiceDescription: "10% off for early adopters");
        await api.Admin().PostJson("/api/tracking/conversion-types", new { code = "couponredeem", name = "Coupon redeem" }).Created();

        var subscription = await api.Business().PostJson("/api/subscriptions", new
        {
            account_code = account,
            plan_code = plan,
            currency = "USD",
            add_ons = new[] { new { code = "extra", quantity = 1 } },
            coupon_codes = new[] { code.ToLowerInvariant() },
        }).Created();

        var invoice = subscription.GetProperty("invoice");
        var lines = invoice.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["setup_fee", "plan", "add_on"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal([0m, 1.50m, 0.70m], lines.Select(l => l.GetProperty("discount").GetDecimal()));
        Assert.Equal(72.00m, invoice.GetProperty("subtotal").GetDecimal());
        Assert.Equal(2.20m, invoice.GetProperty("discount_total").GetDecimal());
        Assert.Equal(69.80m, invoice.GetProperty("total").GetDecimal());
        Assert.Equal(22.00m, subscription.GetProperty("original_price").GetDecimal());
        Assert.Equal(19.80m, subscription.GetProperty("purchase_price").GetDecimal());
        Assert.Equal("Discounts applied: 10% off for early adopters", invoice.GetProperty("notes").GetString());

        // Delivered first, so the card has been charged: the snapshot is the paid invoice (P1, P2).
        await api.DeliverEventsAsync();
        long number = invoice.GetProperty("number").GetInt64();
        var text = await (await api.Business().GetAsync($"/api/invoices/{number}/text")).Content.ReadAsStringAsync();
        Snapshot.Matches(Stable(text, scenario, number, subscription.GetProperty("id").GetString()!));

        // CouponRedeemed reached Tracking: a couponredeem conversion opened a cid for the redemption (T6).
        var conversions = await api.Business().GetJson("/api/tracking/conversions?type=couponredeem&limit=200");
        var opened = conversions.GetProperty("data").EnumerateArray().Single(c => c.GetProperty("coupon_code").GetString() == code);
        string cid = opened.GetProperty("cid").GetString()!;

        // InvoiceIssued reached Payments, which charged the card; InvoicePaid reached Tracking: the sale on that cid
        // carries the invoice number and total (T6, P7).
        var sales = await api.Business().GetJson($"/api/tracking/conversions?type=sale&cid={cid}");
        var sale = Assert.Single(sales.GetProperty("data").EnumerateArray());
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), sale.GetProperty("external_id").GetString());
        Assert.Equal("69.8", sale.GetProperty("amount").GetString());

        // Coupons recorded what the redemption discounted (R3).
        var redemptions = await api.Business().GetJson($"/api/coupons/{coupon.GetProperty("id").GetString()}/redemptions");
        var redemption = Assert.Single(redemptions.GetProperty("data").EnumerateArray());
        Assert.Equal(2.20m, redemption.GetProperty("total_discounted")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(1, redemption.GetProperty("periods_discounted").GetInt32());
    }

    [Fact]
    public async Task Redelivering_integration_events_changes_nothing_because_handlers_are_idempotent()
    {
        var scenario = new Scenario(api);
        string code = $"AGAIN-{scenario.Suffix}";
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        await scenario.PercentCoupon(code, 20);
        await api.Admin().PostAsync("/api/tracking/conversion-types", JsonContent("{\"code\":\"couponredeem\",\"name\":\"Coupon redeem\"}"));
        await api.Business().PostJson("/api/subscriptions", new { account_code = scenario.Code("acct"), plan_code = scenario.Code("plan"), currency = "USD", coupon_codes = new[] { code } }).Created();
        await api.DeliverEventsAsync();
        long conversionsBefore = api.Scalar("SELECT COUNT(*) FROM tracking_conversions");
        long inboxBefore = api.Scalar("SELECT COUNT(*) FROM tracking_inbox");

        api.Execute("UPDATE coupons_outbox SET ProcessedAt = NULL; UPDATE invoicing_outbox SET ProcessedAt = NULL;");
        await api.DeliverEventsAsync();

        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL") + api.Scalar("SELECT COUNT(*) FROM invoicing_outbox WHERE ProcessedAt IS NULL"));
        Assert.True(api.Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE Attempts >= 2") >= 1, "the CouponRedeemed event was delivered a second time");
        Assert.True(api.Scalar("SELECT COUNT(*) FROM invoicing_outbox WHERE Attempts >= 2") >= 1, "the InvoiceIssued event was delivered a second time");
        Assert.Equal(conversionsBefore, api.Scalar("SELECT COUNT(*) FROM tracking_conversions"));
        Assert.Equal(inboxBefore, api.Scalar("SELECT COUNT(*) FROM tracking_inbox"));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Replaces what differs between runs (ids, dates, the invoice number) so the snapshot is stable.</summary>
    private static string Stable(string text, Scenario scenario, long number, string subscriptionId) =>
        System.Text.RegularExpressions.Regex.Replace(
            text.Replace(scenario.Suffix, "xxxx", StringComparison.Ordinal)
                .Replace(subscriptionId, "sub_id", StringComparison.Ordinal)
                .Replace($"INVOICE {number}", "INVOICE n", StringComparison.Ordinal),
            @"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2} UTC)?|ch_test_[a-z0-9]+",
            match => match.Value.StartsWith("ch_test_", StringComparison.Ordinal) ? "ch_test_ref" : "date");
}
