using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// P2/P4 (issue 15): invoices are collected in batches — one claim transaction, the gateway calls side by side, one
/// recording transaction — and each invoice's own guarded claim and outcome still decide.
/// </summary>
public sealed class CollectionBatchTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task A_dunning_batch_with_one_declining_card_records_each_invoices_own_outcome_P2_P4()
    {
        var start = await api.NowAsync();
        var (_, recovering, plan) = await api.ShopAsync(PaymentHttp.DeclinesOnce);
        var (_, alsoRecovering, _) = await api.ShopAsync(PaymentHttp.DeclinesOnce);
        var (_, declining, _) = await api.ShopAsync(PaymentHttp.Declines);
        long[] invoices = [
            (await api.SubscribeAsync(recovering, plan)).InvoiceNumber(),
            (await api.SubscribeAsync(alsoRecovering, plan)).InvoiceNumber(),
            (await api.SubscribeAsync(declining, plan)).InvoiceNumber()];
        foreach (long number in invoices)
        {
            Assert.Equal("past_due", (await api.Invoice(number)).GetProperty("state").GetString());
        }

        // The day-1 retries of the three are due at once: the dunning pass collects them as one batch.
        await api.Admin().PostJson("/api/test-clock", new { now = start.AddDays(1).AddMinutes(5) }).Ok();
        var run = await api.Admin().PostAsync("/api/bill-runs", null).Ok();
        await api.DeliverEventsAsync();

        var dunning = run.GetProperty("dunning");
        Assert.Equal(3, dunning.GetProperty("attempted").GetInt32());
        Assert.Equal(2, dunning.GetProperty("paid").GetInt32());
        Assert.Equal(0, dunning.GetProperty("failed").GetInt32());
        foreach (long paid in invoices[..2])
        {
            var invoice = await api.Invoice(paid);
            Assert.Equal("paid", invoice.GetProperty("state").GetString());
            Assert.Equal(0m, invoice.GetProperty("amount_due").GetDecimal());
            Assert.Single(invoice.GetProperty("payments").EnumerateArray());
            var attempts = await api.Transactions(paid);
            Assert.Equal(["declined", "succeeded"], attempts.Select(t => t.GetProperty("outcome").GetString()));
            Assert.False(string.IsNullOrEmpty(attempts[1].GetProperty("gateway_reference").GetString()));
            Assert.Equal(1, api.ChargesOf(paid));
            Assert.Equal(1, EventsOf("InvoicePaid", paid));
        }

        long declined = invoices[2];
        Assert.Equal("past_due", (await api.Invoice(declined)).GetProperty("state").GetString());
        var declines = await api.Transactions(declined);
        Assert.Equal(["declined", "declined"], declines.Select(t => t.GetProperty("outcome").GetString()));
        Assert.All(declines, t => Assert.Equal("card_declined", t.GetProperty("decline_code").GetString()));
        Assert.Equal(0, api.ChargesOf(declined));
        Assert.Equal(0, EventsOf("InvoicePaid", declined));
        Assert.Equal(1, EventsOf("InvoicePastDue", declined));
        Assert.Equal(2, api.Scalar($"SELECT Attempts FROM payments_collections WHERE InvoiceNumber = {declined} AND State = 'past_due'"));
    }

    [Fact]
    public async Task Racing_batches_charge_each_invoice_once_and_a_batch_whose_claim_loses_charges_only_what_it_won_P2()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        await api.Business().PutJson($"/api/accounts/{account}/collection-method", new { collection_method = "manual" }).Ok();
        var invoices = new List<long>();
        for (int i = 0; i < 4; i++)
        {
            invoices.Add((await api.SubscribeAsync(account, plan)).InvoiceNumber());
        }

        // Another collection holds the first invoice's claim (its charge in flight): no batch may charge it.
        long held = invoices[0];
        Assert.Equal(1, api.Execute($"UPDATE payments_collections SET State = 'collecting', Attempts = 1 WHERE InvoiceNumber = {held} AND State = 'open'"));

        // Eight batches of the account's open invoices at once (each turning the account automatic collects them).
        using var gate = api.Barriers.Arm(8);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            gate.Through(api.Business()).PutJson($"/api/accounts/{account}/collection-method", new { collection_method = "automatic" }).Ok()));
        Assert.True(gate.AllArrivedTogether, $"only {gate.Arrived} of 8 requests were in the host at once");
        await api.DeliverEventsAsync();

        Assert.Equal(0, api.ChargesOf(held));
        Assert.Empty(await api.Transactions(held));
        Assert.Equal("pending", (await api.Invoice(held)).GetProperty("state").GetString());
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM payments_collections WHERE InvoiceNumber = {held} AND State = 'collecting' AND Attempts = 1"));
        foreach (long won in invoices.Skip(1))
        {
            Assert.Equal(1, api.ChargesOf(won));
            var attempt = Assert.Single(await api.Transactions(won));
            Assert.Equal("succeeded", attempt.GetProperty("outcome").GetString());
            var invoice = await api.Invoice(won);
            Assert.Equal("paid", invoice.GetProperty("state").GetString());
            Assert.Single(invoice.GetProperty("payments").EnumerateArray());
            Assert.Equal(1, EventsOf("InvoicePaid", won));
        }
    }

    [Fact]
    public async Task A_gateway_call_that_throws_in_a_batch_leaves_its_claim_to_be_resumed_with_its_key_and_the_others_paid_P2()
    {
        var (_, first, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        var (_, throwing, _) = await api.ShopAsync(PaymentHttp.AnswerLostOnce);
        var (_, last, _) = await api.ShopAsync(PaymentHttp.Succeeds);
        var invoices = new List<long>();
        foreach (string account in (string[])[first, throwing, last])
        {
            invoices.Add((await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created()).InvoiceNumber());
        }

        // The three InvoiceIssued events reach Payments in one pass: one batch, whose middle charge throws after the
        // gateway charged (its answer lost).
        await api.DeliverEventsAsync();

        long lost = invoices[1];
        foreach (long paid in (long[])[invoices[0], invoices[2]])
        {
            Assert.Equal("paid", (await api.Invoice(paid)).GetProperty("state").GetString());
            Assert.Equal(1, api.ChargesOf(paid));
            Assert.Equal(["succeeded"], (await api.Transactions(paid)).Select(t => t.GetProperty("outcome").GetString()));
            Assert.Equal(1, EventsOf("InvoicePaid", paid));
        }

        Assert.Equal("pending", (await api.Invoice(lost)).GetProperty("state").GetString());
        Assert.Equal(["pending"], (await api.Transactions(lost)).Select(t => t.GetProperty("outcome").GetString()));
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM payments_collections WHERE InvoiceNumber = {lost} AND State = 'collecting' AND Attempts = 1"));
        Assert.Equal(1, api.ChargesOf(lost));
        Assert.Equal(0, EventsOf("InvoicePaid", lost));

        // Redelivery or another collection does not charge it again: the claim is held.
        var again = await api.Admin().PostAsync($"/api/invoices/{lost}/collect", null).Ok();
        Assert.Equal("not_attempted", again.GetProperty("outcome").GetString());

        // The dunning pass resumes the stale claim with the same key: the gateway answers the charge it made.
        await api.AdvanceClockAsync(TimeSpan.FromMinutes(11));
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();
        await api.DeliverEventsAsync();

        var resumed = await api.Invoice(lost);
        Assert.Equal("paid", resumed.GetProperty("state").GetString());
        Assert.Single(resumed.GetProperty("payments").EnumerateArray());
        var attempt = Assert.Single(await api.Transactions(lost));
        Assert.Equal("succeeded", attempt.GetProperty("outcome").GetString());
        Assert.Equal(1, api.ChargesOf(lost));
        Assert.Equal(1, EventsOf("InvoicePaid", lost));
    }

    [Fact]
    public async Task A_new_card_whose_charge_throws_is_answered_not_500_and_its_invoice_waits_for_the_resumed_claim_P2_P3()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Declines);
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        Assert.Equal("past_due", (await api.Invoice(number)).GetProperty("state").GetString());

        // P3: a new card retries at once; its call charges and then throws, so the answer is lost.
        var card = await api.PutCard(account, PaymentHttp.AnswerLostOnce).Ok();

        Assert.Equal("7775", card.GetProperty("last4").GetString());
        Assert.Equal("past_due", (await api.Invoice(number)).GetProperty("state").GetString());
        Assert.Equal(["declined", "pending"], (await api.Transactions(number)).Select(t => t.GetProperty("outcome").GetString()));
        Assert.Equal(1, api.ChargesOf(number));
        var meanwhile = await api.Admin().PostAsync($"/api/invoices/{number}/collect", null).Ok();
        Assert.Equal("not_attempted", meanwhile.GetProperty("outcome").GetString());

        await api.AdvanceClockAsync(TimeSpan.FromMinutes(11));
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();
        await api.DeliverEventsAsync();

        Assert.Equal("paid", (await api.Invoice(number)).GetProperty("state").GetString());
        Assert.Equal(["declined", "succeeded"], (await api.Transactions(number)).Select(t => t.GetProperty("outcome").GetString()));
        Assert.Equal(1, api.ChargesOf(number));
    }

    private long EventsOf(string type, long number) =>
        api.Scalar($"SELECT COUNT(*) FROM invoicing_outbox WHERE Type LIKE '%{type}%' AND Payload LIKE '%\"invoiceNumber\":{number},%'");
}
