using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>P5 through HTTP: a downgrade's negative invoice becomes credit, which pays the next invoices after coupons and tax.</summary>
public sealed class CreditTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private async Task<string> MonthlyPlan(Scenario scenario, string name, decimal price)
    {
        string code = scenario.Code(name);
        await api.Admin().PostJson("/api/plans", new
        {
            code,
            name,
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = price, setup_fee = 0m } },
        }).Created();
        return code;
    }

    private async Task<List<JsonElement>> Invoices(string subscriptionId) =>
        [.. (await api.Business().GetJson($"/api/invoices?subscription_id={subscriptionId}")).GetProperty("data").EnumerateArray()];

    [Fact]
    public async Task A_preview_shows_the_credit_the_issued_invoice_would_use_after_coupons_and_tax_and_uses_none_of_it_P5_I7()
    {
        var scenario = new Scenario(api);
        string big = await MonthlyPlan(scenario, "big", 100.00m);
        string small = await MonthlyPlan(scenario, "small", 10.00m);
        string account = (await scenario.Account(taxRate: 10m)).GetProperty("code").GetString()!;
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();
        var subscription = await api.SubscribeAsync(account, big);
        string id = subscription.GetProperty("id").GetString()!;
        await api.DeliverEventsAsync();
        await api.Admin().PostJson($"/api/invoices/{subscription.InvoiceNumber()}/refund", new { amount = 30.00m, to = "credit" }).Ok();
        string coupon = $"TEN-{scenario.Suffix}";
        await scenario.PercentCoupon(coupon, 10);

        var next = await api.Business().PostJson("/api/invoices/preview", new { subscription_id = id }).Ok();
        var purchase = await api.Business().PostJson("/api/invoices/preview", new { plan_code = small, currency = "USD", account_code = account, coupon_code = coupon }).Ok();
        var anonymous = await api.Business().PostJson("/api/invoices/preview", new { plan_code = small, currency = "USD", coupon_code = coupon }).Ok();

        Assert.Equal(110.00m, next.GetProperty("total").GetDecimal());
        Assert.Equal(30.00m, next.GetProperty("credit_applied").GetDecimal());
        Assert.Equal(80.00m, next.GetProperty("amount_due").GetDecimal());
        // 10.00 - 1.00 (TEN) + 0.90 tax, all of it paid by the credit.
        Assert.Equal(9.90m, purchase.GetProperty("total").GetDecimal());
        Assert.Equal(9.90m, purchase.GetProperty("credit_applied").GetDecimal());
        Assert.Equal(0m, purchase.GetProperty("amount_due").GetDecimal());
        Assert.Equal(0m, anonymous.GetProperty("credit_applied").GetDecimal());
        Assert.Equal(9.00m, anonymous.GetProperty("amount_due").GetDecimal());
        Assert.Equal(30.00m, Assert.Single((await api.Business().GetJson($"/api/accounts/{account}")).GetProperty("credit_balances").EnumerateArray()).GetProperty("balance").GetDecimal());

        await api.BillRunAtAsync(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1));

        var renewal = (await Invoices(id))[^1];
        Assert.Equal(next.GetProperty("credit_applied").GetDecimal(), renewal.GetProperty("credit_applied").GetDecimal());
        Assert.Equal(next.GetProperty("total").GetDecimal() - 30.00m, renewal.GetProperty("amount_paid").GetDecimal() + renewal.GetProperty("amount_due").GetDecimal());
    }

    [Fact]
    public async Task A_downgrade_s_negative_invoice_becomes_credit_that_pays_the_renewal_after_its_coupon_and_tax_and_the_ledger_sums_to_the_balance_P5()
    {
        var scenario = new Scenario(api);
        string big = await MonthlyPlan(scenario, "big", 100.00m);
        string small = await MonthlyPlan(scenario, "small", 10.00m);
        string account = (await scenario.Account(taxRate: 10m)).GetProperty("code").GetString()!;
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();
        var subscription = await api.SubscribeAsync(account, big);
        string id = subscription.GetProperty("id").GetString()!;
        var start = subscription.GetProperty("current_period_start").GetDateTimeOffset();
        Assert.Equal("paid", (await api.Invoice(subscription.InvoiceNumber())).GetProperty("state").GetString());

        await api.Admin().PostJson("/api/test-clock", new { now = start.AddDays(15) }).Ok();
        await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = small, timeframe = "now" }).Ok();
        await api.DeliverEventsAsync();

        var downgrade = (await Invoices(id))[1];
        decimal credit = -downgrade.GetProperty("total").GetDecimal();
        Assert.True(credit > 0, $"the downgrade invoice totals {-credit}");
        Assert.Equal("paid", downgrade.GetProperty("state").GetString());
        Assert.Equal(0m, downgrade.GetProperty("amount_due").GetDecimal());
        var balances = (await api.Business().GetJson($"/api/accounts/{account}")).GetProperty("credit_balances");
        Assert.Equal(credit, Assert.Single(balances.EnumerateArray()).GetProperty("balance").GetDecimal());

        string coupon = $"TEN-{scenario.Suffix}";
        await scenario.PercentCoupon(coupon, 10);
        await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = coupon, currency = "USD" }).Created();
        await api.BillRunAtAsync(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1));

        var renewal = (await Invoices(id))[2];
        Assert.Equal(1.00m, renewal.GetProperty("discount_total").GetDecimal());
        Assert.Equal(0.90m, renewal.GetProperty("tax_total").GetDecimal());
        Assert.Equal(9.90m, renewal.GetProperty("total").GetDecimal());
        Assert.Equal(9.90m, renewal.GetProperty("credit_applied").GetDecimal());
        Assert.Equal(0m, renewal.GetProperty("amount_due").GetDecimal());
        Assert.Equal("paid", renewal.GetProperty("state").GetString());
        Assert.Empty(await api.Transactions(renewal.GetProperty("number").GetInt64()));

        // Issue 19: the bill run issues through the single invoice's path, so the renewal's events are stored in the
        // order they happened, as a single invoice's are: issued, its credit applied (P5), paid at issue (P1).
        var events = api.Rows($"SELECT Type FROM invoicing_outbox WHERE Payload LIKE '%\"invoiceNumber\":{renewal.GetProperty("number").GetInt64()},%' ORDER BY Sequence");
        Assert.Equal(["InvoiceIssued", "CreditApplied", "InvoicePaid"], events.Select(type => type.Split(',')[0].Split('.')[^1]));

        var ledger = (await api.Business().GetJson($"/api/accounts/{account}/credit-ledger")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["invoice_credit", "applied"], ledger.Select(e => e.GetProperty("reason").GetString()));
        decimal balance = Assert.Single((await api.Business().GetJson($"/api/accounts/{account}")).GetProperty("credit_balances").EnumerateArray()).GetProperty("balance").GetDecimal();
        Assert.Equal(credit - 9.90m, balance);
        Assert.Equal(balance, ledger.Sum(e => e.GetProperty("amount").GetDecimal()));
        Assert.Equal(balance, ledger[^1].GetProperty("balance_after").GetDecimal());
        var text = await (await api.Business().GetAsync($"/api/invoices/{renewal.GetProperty("number").GetInt64()}/text")).Content.ReadAsStringAsync();
        Assert.Contains("Credit applied", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credit_pays_part_of_a_larger_invoice_and_the_card_is_charged_the_rest_P5_P2()
    {
        var scenario = new Scenario(api);
        string big = await MonthlyPlan(scenario, "big", 100.00m);
        string small = await MonthlyPlan(scenario, "small", 10.00m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();
        var subscription = await api.SubscribeAsync(account, big);
        string id = subscription.GetProperty("id").GetString()!;
        await api.Admin().PostJson("/api/test-clock", new { now = subscription.GetProperty("current_period_start").GetDateTimeOffset().AddDays(15) }).Ok();
        await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = small, timeframe = "now" }).Ok();
        await api.DeliverEventsAsync();
        decimal credit = -(await Invoices(id))[1].GetProperty("total").GetDecimal();

        var charge = await api.Business().PostJson($"/api/accounts/{account}/charges", new { description = "Consulting", currency = "USD", amount = 100.00m }).Created();
        await api.DeliverEventsAsync();

        var invoice = await api.Invoice(charge.GetProperty("number").GetInt64());
        Assert.Equal(credit, invoice.GetProperty("credit_applied").GetDecimal());
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Equal(100.00m - credit, invoice.GetProperty("amount_paid").GetDecimal());
        Assert.Equal(100.00m, invoice.GetProperty("amount_paid").GetDecimal() + invoice.GetProperty("credit_applied").GetDecimal());
        Assert.Equal(100.00m - credit, Assert.Single(await api.Transactions(invoice.GetProperty("number").GetInt64())).GetProperty("amount").GetDecimal());
        Assert.Equal(0m, Assert.Single((await api.Business().GetJson($"/api/accounts/{account}")).GetProperty("credit_balances").EnumerateArray()).GetProperty("balance").GetDecimal());
    }
}
