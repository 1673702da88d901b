using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>P6 + P7 through HTTP: refunds are credit notes that reference their invoice, never more than was paid.</summary>
public sealed class RefundTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    /// <summary>A paid first invoice (65.00 less a 10% coupon on the plan fee: 63.50) whose sale Tracking recorded.</summary>
    private async Task<(string Account, long Number, string Cid, string CouponId)> PaidSaleAsync()
    {
        var (scenario, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        string coupon = $"TEN-{scenario.Suffix}";
        await api.CouponRedeemTypeExists();
        var created = await scenario.PercentCoupon(coupon, 10);
        var subscription = await api.SubscribeAsync(account, plan, new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { coupon } });
        string cid = Assert.Single((await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray()).GetProperty("cid").GetString()!;
        return (account, subscription.InvoiceNumber(), cid, created.GetProperty("id").GetString()!);
    }

    private async Task<string?> SaleStatus(string cid) =>
        Assert.Single((await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray()).GetProperty("status").GetString();

    [Fact]
    public async Task A_full_refund_to_the_card_issues_a_credit_note_refunds_through_the_gateway_and_sets_the_sale_to_refunded_P6_P7()
    {
        var (_, number, cid, couponId) = await PaidSaleAsync();
        Assert.Equal("approved", await SaleStatus(cid));
        string discountedBefore = (await api.Business().GetJson($"/api/coupons/{couponId}/redemptions")).GetRawText();

        var note = await api.Admin().PostJson($"/api/invoices/{number}/refund", new { to = "payment_method" }).Ok();
        await api.DeliverEventsAsync();

        Assert.Equal(number, note.GetProperty("refunds_invoice_number").GetInt64());
        Assert.Equal(-63.50m, note.GetProperty("total").GetDecimal());
        Assert.Equal("refund", Assert.Single(note.GetProperty("lines").EnumerateArray()).GetProperty("type").GetString());
        Assert.Equal(63.50m, (await api.Invoice(number)).GetProperty("amount_refunded").GetDecimal());
        Assert.Equal(["charge", "refund"], (await api.Transactions(number)).Select(t => t.GetProperty("kind").GetString()));
        Assert.All(await api.Transactions(number), t => Assert.Equal("succeeded", t.GetProperty("outcome").GetString()));
        Assert.Equal("refunded", await SaleStatus(cid));
        Assert.Equal(discountedBefore, (await api.Business().GetJson($"/api/coupons/{couponId}/redemptions")).GetRawText());
        var text = await (await api.Business().GetAsync($"/api/invoices/{note.GetProperty("number").GetInt64()}/text")).Content.ReadAsStringAsync();
        Assert.StartsWith("CREDIT NOTE ", text, StringComparison.Ordinal);
        Assert.Contains($"Refunds       invoice {number}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partial_refunds_to_credit_add_to_the_balance_never_exceed_what_was_paid_and_only_the_last_one_refunds_the_sale_P5_P6_P7()
    {
        var (account, number, cid, _) = await PaidSaleAsync();

        var first = await api.Admin().PostJson($"/api/invoices/{number}/refund", new { amount = 20.00m, to = "credit" }).Ok();
        await api.DeliverEventsAsync();
        Assert.Equal(-20.00m, first.GetProperty("total").GetDecimal());
        Assert.Equal("approved", await SaleStatus(cid));
        await (await api.Admin().PostJson($"/api/invoices/{number}/refund", new { amount = 43.51m, to = "credit" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");

        await api.Admin().PostJson($"/api/invoices/{number}/refund", new { to = "credit" }).Ok();
        await api.DeliverEventsAsync();

        Assert.Equal("refunded", await SaleStatus(cid));
        Assert.Equal(63.50m, Assert.Single((await api.Business().GetJson($"/api/accounts/{account}")).GetProperty("credit_balances").EnumerateArray()).GetProperty("balance").GetDecimal());
        var ledger = (await api.Business().GetJson($"/api/accounts/{account}/credit-ledger")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["refund", "refund"], ledger.Select(e => e.GetProperty("reason").GetString()));
        Assert.Equal([20.00m, 43.50m], ledger.Select(e => e.GetProperty("amount").GetDecimal()));
        await (await api.Admin().PostJson($"/api/invoices/{number}/refund", new { amount = 0.01m, to = "credit" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");
        Assert.Single(await api.Transactions(number));
    }

    [Fact]
    public async Task Only_an_admin_refunds_only_what_was_paid_and_only_a_card_payment_goes_back_to_the_card_P6()
    {
        var (_, account, plan) = await api.ShopAsync();
        long pending = (await api.SubscribeAsync(account, plan)).InvoiceNumber();

        Assert.Equal(HttpStatusCode.Forbidden, (await api.Business().PostJson($"/api/invoices/{pending}/refund", new { to = "credit" })).StatusCode);
        await (await api.Admin().PostJson($"/api/invoices/{pending}/refund", new { to = "credit" })).ShouldBeProblem(HttpStatusCode.Conflict, "invoice_not_refundable");
        var invalid = await (await api.Admin().PostJson($"/api/invoices/{pending}/refund", new { to = "cash", amount = -1m })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(invalid.GetProperty("errors").TryGetProperty("to", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("amount", out _));

        await api.Admin().PostJson($"/api/invoices/{pending}/payments", new { amount = 65.00m, reference = "wire-9" }).Ok();
        await (await api.Admin().PostJson($"/api/invoices/{pending}/refund", new { to = "payment_method" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "refund_needs_a_card_payment");
        Assert.Equal(0m, (await api.Invoice(pending)).GetProperty("amount_refunded").GetDecimal());
        await (await api.Admin().PostJson("/api/invoices/999999/refund", new { to = "credit" })).ShouldBeProblem(HttpStatusCode.NotFound, "invoice_not_found");
    }

    [Fact]
    public async Task A_card_refund_the_gateway_refused_is_sent_again_by_the_dunning_pass_an_hour_later_and_refunds_once_P6()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.RefundFailsOnce);
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        Assert.Equal("paid", (await api.Invoice(number)).GetProperty("state").GetString());

        var note = await api.Admin().PostJson($"/api/invoices/{number}/refund", new { to = "payment_method" }).Ok();
        var refused = Assert.Single(await api.Transactions(number), t => t.GetProperty("kind").GetString() == "refund");
        Assert.Equal("failed", refused.GetProperty("outcome").GetString());
        Assert.Equal("refund_failed", refused.GetProperty("decline_code").GetString());
        Assert.Equal($"credit note {note.GetProperty("number").GetInt64()}", refused.GetProperty("reference").GetString());

        var tooSoon = await api.Admin().PostAsync("/api/bill-runs", null).Ok();
        Assert.Equal(0, tooSoon.GetProperty("dunning").GetProperty("refunds_retried").GetInt32());

        var now = await api.NowAsync();
        await api.Admin().PostJson("/api/test-clock", new { now = now.AddHours(2) }).Ok();
        var retried = await api.Admin().PostAsync("/api/bill-runs", null).Ok();
        await api.Admin().PostJson("/api/test-clock", new { now = now.AddHours(4) }).Ok();
        var after = await api.Admin().PostAsync("/api/bill-runs", null).Ok();

        Assert.Equal(1, retried.GetProperty("dunning").GetProperty("refunds_retried").GetInt32());
        Assert.Equal(1, retried.GetProperty("dunning").GetProperty("refunds_succeeded").GetInt32());
        Assert.Equal(0, after.GetProperty("dunning").GetProperty("refunds_retried").GetInt32());
        var refunds = (await api.Transactions(number)).Where(t => t.GetProperty("kind").GetString() == "refund").ToList();
        Assert.Equal(["failed", "succeeded"], refunds.Select(t => t.GetProperty("outcome").GetString()));
        Assert.Equal(refunds[0].GetProperty("amount").GetDecimal(), refunds[1].GetProperty("amount").GetDecimal());
        Assert.Equal(refunds[0].GetProperty("reference").GetString(), refunds[1].GetProperty("reference").GetString());
        string key = $"ref_{note.GetProperty("number").GetInt64()}";
        var paidBack = Assert.Single(api.Gateway().Refunded, r => r.Key == key || r.Key.StartsWith(key + "_", StringComparison.Ordinal));
        Assert.Equal(65_00, paidBack.Amount.Minor);
    }

    [Fact]
    public async Task Two_dunning_passes_racing_for_one_refused_refund_send_it_again_once_P6()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.RefundFailsOnce);
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        var note = await api.Admin().PostJson($"/api/invoices/{number}/refund", new { to = "payment_method" }).Ok();
        await api.AdvanceClockAsync(TimeSpan.FromHours(2));

        using var gate = api.Barriers.Arm(2);
        var passes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => gate.Through(api.Admin()).PostAsync("/api/bill-runs", null).Ok()));

        Assert.True(gate.AllArrivedTogether, $"only {gate.Arrived} of 2 passes were in the host at once");
        Assert.Equal(1, passes.Sum(p => p.GetProperty("dunning").GetProperty("refunds_succeeded").GetInt32()));
        Assert.Equal(["failed", "succeeded"], (await api.Transactions(number)).Where(t => t.GetProperty("kind").GetString() == "refund").Select(t => t.GetProperty("outcome").GetString()));
        string key = $"ref_{note.GetProperty("number").GetInt64()}";
        Assert.Single(api.Gateway().Refunded, r => r.Key == key || r.Key.StartsWith(key + "_", StringComparison.Ordinal));
    }
}
