using System.Net;
using System.Text.Json;
using Billing.Invoicing.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 5 through HTTP: reading and listing invoices, and how durations are consumed across renewals (I1, I5, R5).</summary>
public sealed class InvoiceLedgerTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private async Task<JsonElement> Subscribe(string account, string plan, params string[] couponCodes) =>
        await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = couponCodes }).Created();

    private async Task<List<JsonElement>> InvoicesOf(string subscriptionId) =>
        [.. (await api.Business().GetJson($"/api/invoices?subscription_id={subscriptionId}")).GetProperty("data").EnumerateArray()];

    private async Task BillRunAt(DateTimeOffset now)
    {
        await api.Admin().PostJson("/api/test-clock", new { now }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();
    }

    [Fact]
    public async Task Invoices_are_listed_by_account_and_by_subscription_in_number_order_and_read_by_number_as_JSON_or_text_I1()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        string other = scenario.Code("other");
        await scenario.PlanA(plan);
        await scenario.Account(account);
        await scenario.Account(other);
        var first = await Subscribe(account, plan);
        var second = await Subscribe(account, plan);
        await Subscribe(other, plan);
        long firstNumber = first.GetProperty("invoice").GetProperty("number").GetInt64();

        var byAccount = (await api.Business().GetJson($"/api/invoices?account_code={account}")).GetProperty("data").EnumerateArray().ToList();
        var bySubscription = await InvoicesOf(second.GetProperty("id").GetString()!);
        var read = await api.Business().GetJson($"/api/invoices/{firstNumber}");
        var text = await api.Business().GetAsync($"/api/invoices/{firstNumber}/text");
        var missing = await api.Business().GetAsync("/api/invoices/999999999");
        var missingText = await api.Business().GetAsync("/api/invoices/999999999/text");

        Assert.Equal([firstNumber, firstNumber + 1], byAccount.Select(i => i.GetProperty("number").GetInt64()));
        Assert.All(byAccount, i => Assert.Equal(account, i.GetProperty("account_code").GetString()));
        Assert.Equal([second.GetProperty("invoice").GetProperty("number").GetInt64()], bySubscription.Select(i => i.GetProperty("number").GetInt64()));
        Assert.Equal(first.GetProperty("invoice").GetRawText(), read.GetRawText());
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"INVOICE {firstNumber}\n", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await missing.ShouldBeProblem(HttpStatusCode.NotFound, "invoice_not_found");
        await missingText.ShouldBeProblem(HttpStatusCode.NotFound, "invoice_not_found");
    }

    [Fact]
    public async Task A_temporal_redemption_discounts_every_period_that_starts_before_it_ends_even_when_a_late_bill_run_catches_up_R5()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        string code = $"TWOMONTHS-{scenario.Suffix}";
        await scenario.PlanA(plan);
        await scenario.Account(account);
        await api.Admin().PostJson("/api/coupons", new { code, name = "Two months", discount = new { type = "percent", percent = 10 }, duration = new { type = "temporal", amount = 2, unit = "month" } }).Created();
        var subscription = await Subscribe(account, plan, code);
        string id = subscription.GetProperty("id").GetString()!;

        await BillRunAt(subscription.GetProperty("created_at").GetDateTimeOffset().AddMonths(3).AddDays(5));

        var invoices = await InvoicesOf(id);
        Assert.Equal([1.50m, 1.50m, 0m, 0m], invoices.Select(i => i.GetProperty("discount_total").GetDecimal()));
        var redemption = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray().Single();
        Assert.Equal("duration_ended", redemption.GetProperty("inactive_reason").GetString());
        Assert.Equal(2, redemption.GetProperty("periods_discounted").GetInt32());
    }

    [Fact]
    public async Task A_yearly_invoice_consumes_one_billing_period_like_a_monthly_one_R5()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("yearly");
        string account = scenario.Code("acct");
        string code = $"TWOYEARS-{scenario.Suffix}";
        await api.Admin().PostJson("/api/plans", new
        {
            code = plan,
            name = "Plan Y",
            interval = new { length = 1, unit = "year" },
            currencies = new[] { new { currency = "USD", unit_amount = 150.00m, setup_fee = 0m } },
        }).Created();
        await scenario.Account(account);
        await api.Admin().PostJson("/api/coupons", new { code, name = "Two periods", discount = new { type = "percent", percent = 20 }, duration = new { type = "billing_periods", periods = 2 } }).Created();
        var subscription = await Subscribe(account, plan, code);
        string id = subscription.GetProperty("id").GetString()!;
        var afterFirstInvoice = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data")[0];

        await BillRunAt(subscription.GetProperty("created_at").GetDateTimeOffset().AddYears(2).AddDays(1));

        Assert.Equal(1, afterFirstInvoice.GetProperty("periods_discounted").GetInt32());
        Assert.Equal("active", afterFirstInvoice.GetProperty("state").GetString());
        Assert.Equal([30.00m, 30.00m, 0m], (await InvoicesOf(id)).Select(i => i.GetProperty("discount_total").GetDecimal()));
        var redemption = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data")[0];
        Assert.Equal("duration_ended", redemption.GetProperty("inactive_reason").GetString());
        Assert.Equal(2, redemption.GetProperty("periods_discounted").GetInt32());
        Assert.Equal(60.00m, redemption.GetProperty("total_discounted")[0].GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task The_invoice_issued_event_carries_what_each_redemption_discounted_in_minor_units()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        string code = $"EVENT-{scenario.Suffix}";
        await scenario.PlanA(plan);
        await scenario.Account(account);
        await scenario.PercentCoupon(code, 10);
        var subscription = await Subscribe(account, plan, code);
        long number = subscription.GetProperty("invoice").GetProperty("number").GetInt64();
        string redemptionId = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data")[0].GetProperty("id").GetString()!;

        string numberField = TestDatabase.OnPostgres ? "(Payload::jsonb ->> 'invoiceNumber')::bigint" : "json_extract(Payload, '$.invoiceNumber')";
        string redemption = TestDatabase.OnPostgres ? "Payload::jsonb #>> '{discounts,0,redemptionId}'" : "json_extract(Payload, '$.discounts[0].redemptionId')";
        string amount = TestDatabase.OnPostgres ? "(Payload::jsonb #>> '{discounts,0,amountMinor}')::bigint" : "json_extract(Payload, '$.discounts[0].amountMinor')";
        Assert.Equal(1, api.Scalar(
            $"SELECT COUNT(*) FROM invoicing_outbox WHERE Type LIKE '%InvoiceIssued%' AND {numberField} = {number} " +
            $"AND {redemption} = '{redemptionId}' AND {amount} = 150"));
    }

    [Fact]
    public async Task Generating_the_invoice_of_a_period_again_answers_the_invoice_already_issued_and_takes_no_number_I5_I1()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        await scenario.PlanA(plan);
        await scenario.Account(account);
        var subscription = await Subscribe(account, plan);
        var issued = subscription.GetProperty("invoice");
        long invoices = api.Scalar("SELECT COUNT(*) FROM invoicing_invoices");
        long nextNumber = api.Scalar("SELECT NextValue FROM invoicing_sequences WHERE Name = 'invoice'");
        var again = new GenerateInvoice(
            account,
            subscription.GetProperty("id").GetString(),
            plan,
            "USD",
            issued.GetProperty("period_start").GetDateTimeOffset(),
            issued.GetProperty("period_end").GetDateTimeOffset(),
            0m,
            false,
            [new ChargeLine(LineType.Plan, plan, "Plan A at another price", 1, 99_00)]);

        await using var scope = api.Services.CreateAsyncScope();
        var answer = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(again);

        Assert.True(answer.IsSuccess);
        Assert.Equal(issued.GetProperty("number").GetInt64(), answer.Value.Number);
        Assert.Equal(issued.GetProperty("total").GetDecimal(), answer.Value.Total);
        Assert.Equal(invoices, api.Scalar("SELECT COUNT(*) FROM invoicing_invoices"));
        Assert.Equal(nextNumber, api.Scalar("SELECT NextValue FROM invoicing_sequences WHERE Name = 'invoice'"));
    }
}
