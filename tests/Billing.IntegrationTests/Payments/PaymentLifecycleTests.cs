using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>P1–P3 through HTTP: invoice states, collection automatic or manual, the test gateway's cards, external payments and voids.</summary>
public sealed class PaymentLifecycleTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task A_zero_total_invoice_is_paid_at_issue_without_a_payment_method_and_records_no_payment_P1_S5()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("free");
        await api.Admin().PostJson("/api/plans", new
        {
            code = plan,
            name = "Free",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 0m, setup_fee = 0m } },
        }).Created();
        string account = (await scenario.Account()).GetProperty("code").GetString()!;

        var subscription = await api.SubscribeAsync(account, plan);

        var invoice = await api.Invoice(subscription.InvoiceNumber());
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Equal(0m, invoice.GetProperty("amount_due").GetDecimal());
        Assert.Equal(0m, invoice.GetProperty("amount_paid").GetDecimal());
        Assert.Empty(invoice.GetProperty("payments").EnumerateArray());
        Assert.Empty(await api.Transactions(subscription.InvoiceNumber()));
    }

    [Fact]
    public async Task An_invoice_of_an_account_without_a_payment_method_stays_pending_until_the_merchant_records_its_payment_P1_P2()
    {
        var (_, account, plan) = await api.ShopAsync();
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();

        var pending = await api.Invoice(number);
        Assert.Equal("pending", pending.GetProperty("state").GetString());
        Assert.Equal(65.00m, pending.GetProperty("amount_due").GetDecimal());

        await (await api.Admin().PostJson($"/api/invoices/{number}/payments", new { amount = 60.00m, reference = "partner-1" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "payment_amount_mismatch");
        var paid = await api.Admin().PostJson($"/api/invoices/{number}/payments", new { amount = 65.00m, reference = "partner-1" }).Ok();

        Assert.Equal("paid", paid.GetProperty("state").GetString());
        Assert.Equal(65.00m, paid.GetProperty("amount_paid").GetDecimal());
        Assert.Equal(0m, paid.GetProperty("amount_due").GetDecimal());
        var payment = Assert.Single(paid.GetProperty("payments").EnumerateArray());
        Assert.Equal("external", payment.GetProperty("method").GetString());
        Assert.Equal("partner-1", payment.GetProperty("reference").GetString());
        var transaction = Assert.Single(await api.Transactions(number));
        Assert.Equal("external", transaction.GetProperty("kind").GetString());
        Assert.Equal("succeeded", transaction.GetProperty("outcome").GetString());
        await (await api.Admin().PostJson($"/api/invoices/{number}/payments", new { amount = 65.00m, reference = "partner-1" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "invoice_not_payable");
    }

    [Fact]
    public async Task Recording_a_payment_is_for_admins_and_names_its_fields_when_they_are_missing_P2()
    {
        var (_, account, plan) = await api.ShopAsync();
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();

        Assert.Equal(HttpStatusCode.Forbidden, (await api.Business().PostJson($"/api/invoices/{number}/payments", new { amount = 65.00m, reference = "r" })).StatusCode);
        var problem = await (await api.Admin().PostJson($"/api/invoices/{number}/payments", new { amount = (decimal?)null, reference = (string?)null }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("amount", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("reference", out _));
        await (await api.Admin().PostJson("/api/invoices/999999/payments", new { amount = 1m, reference = "r" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "invoice_not_found");
        Assert.Equal("pending", (await api.Invoice(number)).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(PaymentHttp.Succeeds, "paid", "succeeded", null)]
    [InlineData(PaymentHttp.Declines, "past_due", "declined", "card_declined")]
    [InlineData(PaymentHttp.InsufficientFunds, "past_due", "declined", "insufficient_funds")]
    [InlineData(PaymentHttp.ExpiredCard, "past_due", "declined", "expired_card")]
    [InlineData(PaymentHttp.ProcessingError, "past_due", "failed", "processing_error")]
    [InlineData(PaymentHttp.DeclinesOnce, "past_due", "declined", "card_declined")]
    public async Task An_issued_invoice_of_an_account_with_a_card_is_charged_once_and_ends_as_the_test_card_says_P2_P3(
        string card, string state, string outcome, string? declineCode)
    {
        var (_, account, plan) = await api.ShopAsync(card);

        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();

        var invoice = await api.Invoice(number);
        Assert.Equal(state, invoice.GetProperty("state").GetString());
        var transaction = Assert.Single(await api.Transactions(number));
        Assert.Equal("charge", transaction.GetProperty("kind").GetString());
        Assert.Equal(65.00m, transaction.GetProperty("amount").GetDecimal());
        Assert.Equal(outcome, transaction.GetProperty("outcome").GetString());
        Assert.Equal(declineCode, transaction.GetProperty("decline_code").GetString());
        Assert.StartsWith("ch_test_", transaction.GetProperty("gateway_reference").GetString(), StringComparison.Ordinal);
        Assert.Equal(outcome == "succeeded" ? 1 : 0, api.ChargesOf(number));
        if (state == "paid")
        {
            Assert.Equal(65.00m, invoice.GetProperty("amount_paid").GetDecimal());
            Assert.Equal("card", Assert.Single(invoice.GetProperty("payments").EnumerateArray()).GetProperty("method").GetString());
        }
        else
        {
            Assert.Equal(65.00m, invoice.GetProperty("amount_due").GetDecimal());
        }
    }

    [Fact]
    public async Task Redelivering_the_issued_event_and_collecting_again_never_charges_a_paid_invoice_twice_P2()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();

        api.Execute("UPDATE invoicing_outbox SET ProcessedAt = NULL;");
        await api.DeliverEventsAsync();
        var again = await api.Admin().PostAsync($"/api/invoices/{number}/collect", null).Ok();

        Assert.Equal("not_attempted", again.GetProperty("outcome").GetString());
        Assert.Equal("not_collectable", again.GetProperty("reason").GetString());
        Assert.Equal(1, api.ChargesOf(number));
        Assert.Single(await api.Transactions(number));
    }

    [Fact]
    public async Task A_new_payment_method_collects_the_account_s_open_and_past_due_invoices_at_once_P3_P4()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Declines);
        long pastDue = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        Assert.Equal("past_due", (await api.Invoice(pastDue)).GetProperty("state").GetString());

        var method = await api.PutCard(account, PaymentHttp.Succeeds).Ok();

        Assert.Equal("4242", method.GetProperty("last4").GetString());
        Assert.Equal("visa", method.GetProperty("brand").GetString());
        Assert.Equal("paid", (await api.Invoice(pastDue)).GetProperty("state").GetString());
        Assert.Equal(["declined", "succeeded"], (await api.Transactions(pastDue)).Select(t => t.GetProperty("outcome").GetString()));
        Assert.Equal(1, api.ChargesOf(pastDue));
    }

    [Fact]
    public async Task An_invoice_issued_while_the_account_collected_manually_is_charged_when_a_card_is_added_P2_P3()
    {
        var (_, account, plan) = await api.ShopAsync();
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        Assert.Equal("pending", (await api.Invoice(number)).GetProperty("state").GetString());
        Assert.Empty(await api.Transactions(number));

        await api.PutCard(account, PaymentHttp.Succeeds).Ok();

        Assert.Equal("paid", (await api.Invoice(number)).GetProperty("state").GetString());
        Assert.Equal(1, api.ChargesOf(number));
    }

    [Fact]
    public async Task An_unpaid_invoice_can_be_voided_and_is_then_never_collected_while_a_paid_one_cannot_P6()
    {
        var (_, account, plan) = await api.ShopAsync();
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Business().PostAsync($"/api/invoices/{number}/void", null)).StatusCode);

        var voided = await api.Admin().PostAsync($"/api/invoices/{number}/void", null).Ok();
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();

        Assert.Equal("voided", voided.GetProperty("state").GetString());
        Assert.Equal(0m, voided.GetProperty("amount_due").GetDecimal());
        Assert.Equal("voided", (await api.Invoice(number)).GetProperty("state").GetString());
        Assert.Empty(await api.Transactions(number));
        await (await api.Admin().PostJson($"/api/invoices/{number}/payments", new { amount = 65.00m, reference = "late" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "invoice_not_payable");

        var (_, other, otherPlan) = await api.ShopAsync(PaymentHttp.Succeeds);
        long paid = (await api.SubscribeAsync(other, otherPlan)).InvoiceNumber();
        await (await api.Admin().PostAsync($"/api/invoices/{paid}/void", null)).ShouldBeProblem(HttpStatusCode.Conflict, "invoice_not_voidable");
        Assert.Equal("paid", (await api.Invoice(paid)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_partner_priced_subscription_is_collected_manually_even_when_the_account_has_a_card_S4_P2()
    {
        var (scenario, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);

        var subscription = await api.Admin().PostJson("/api/subscriptions", new
        {
            account_code = account,
            plan_code = plan,
            currency = "USD",
            price = 5.00m,
            payment_type = "external",
            charged_by = "partner",
            discount_code_name = "fixed_amount",
            coupon_code = $"PARTNER-{scenario.Suffix}",
        }).Created();
        await api.DeliverEventsAsync();
        long number = subscription.InvoiceNumber();

        var invoice = await api.Invoice(number);
        Assert.Equal("pending", invoice.GetProperty("state").GetString());
        Assert.Empty(await api.Transactions(number));
        Assert.Equal(0, api.ChargesOf(number));
        decimal due = invoice.GetProperty("amount_due").GetDecimal();
        Assert.True(due > 0, $"the partner's invoice is due {due}");
        var paid = await api.Admin().PostJson($"/api/invoices/{number}/payments", new { amount = due, reference = "partner-42" }).Ok();
        Assert.Equal("paid", paid.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("4242424242424241", "card_number")]
    [InlineData("42", "card_number")]
    [InlineData("abcd", "card_number")]
    public async Task A_malformed_card_is_refused_naming_the_field_and_nothing_is_stored_P3(string number, string field)
    {
        var (_, account, _) = await api.ShopAsync();

        var problem = await (await api.PutCard(account, number)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        // Every member but the random trace id, which may contain the digits by chance.
        string answered = string.Concat(problem.EnumerateObject().Where(member => member.Name != "trace_id").Select(member => member.Value.GetRawText()));
        Assert.DoesNotContain(number, answered, StringComparison.Ordinal);
        await (await api.Business().GetAsync($"/api/accounts/{account}/payment-method")).ShouldBeProblem(HttpStatusCode.NotFound, "payment_method_not_found");
    }

    [Fact]
    public async Task A_card_past_its_expiry_or_for_an_unknown_account_is_refused_P3()
    {
        var (_, account, _) = await api.ShopAsync();

        await (await api.Business().PutJson($"/api/accounts/{account}/payment-method", new { card_number = PaymentHttp.Succeeds, exp_month = 1, exp_year = 2001, cvc = "123" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "card_expired");
        await (await api.PutCard("nobody-" + account, PaymentHttp.Succeeds)).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
    }
}
