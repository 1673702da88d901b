using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 21: a dispatch pass delivers its events to each handling module in one transaction; a message one module
/// cannot handle rolls back only itself there (the module's batch is redelivered one by one), holds only that module's
/// later messages, and is handled exactly once when it can be.
/// </summary>
public sealed class OutboxBatchTests : IClassFixture<BillingApiFactory>
{
    private const string Redeemed = "SELECT EventId FROM coupons_outbox WHERE ProcessedAt IS NULL AND Type LIKE '%CouponRedeemed%' ORDER BY Sequence";
    private readonly BillingApiFactory api;

    public OutboxBatchTests(BillingApiFactory api)
    {
        this.api = api;
        api.Settings["Billing:Outbox:DispatchEnabled"] = "false";
    }

    [Fact]
    public async Task A_poison_message_rolls_back_only_itself_and_the_other_modules_handle_the_whole_batch_once()
    {
        var scenario = new Scenario(api);
        string coupon = scenario.Code("BATCH");
        await api.CouponRedeemTypeExists();
        await scenario.PercentCoupon(coupon, 10);
        var accounts = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            accounts.Add((await scenario.Account(scenario.Code($"batch{i}"))).GetProperty("code").GetString()!);
        }

        await api.DeliverEventsAsync();
        foreach (string account in accounts)
        {
            await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = coupon, currency = "USD" }).Created();
        }

        var events = api.Rows(Redeemed).ConvertAll(Guid.Parse);
        Assert.Equal(5, events.Count);

        // Webhooks cannot record the third event: its webhook event's id is taken (and it has no inbox record).
        string poison = $"evt_{events[2]:N}";
        Assert.Equal(1, api.Execute($"INSERT INTO webhooks_events (Id, Type, ResourceKey, CreatedAt, Payload) VALUES ('{poison}', 'redemption.created', 'poison', '2026-01-01 00:00:00', '{{}}')"));
        await api.DeliverEventsAsync();

        // Tracking, another module, handled the whole batch in its transaction; Webhooks' batch rolled back and was
        // redelivered one by one up to the poison; the outbox holds the poison and what follows it.
        Assert.Equal(5, Conversions(coupon));
        Assert.Equal(2, WebhookEvents(events));
        Assert.Equal(events.Skip(2).ToList(), api.Rows(Redeemed).ConvertAll(Guid.Parse));
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL AND Attempts > 0 AND LastError LIKE '%RecordWebhookEvent%' AND EventId = '{Stored(events[2])}'"));

        Assert.Equal(1, api.Execute($"DELETE FROM webhooks_events WHERE ResourceKey = 'poison'"));
        await api.DeliverEventsAsync();

        Assert.Empty(api.Rows(Redeemed));
        Assert.Equal(5, Conversions(coupon));
        Assert.Equal(5, WebhookEvents(events));
        Assert.Equal(5, api.Scalar($"SELECT COUNT(*) FROM tracking_inbox WHERE EventId IN ({string.Join(", ", events.Select(e => $"'{Stored(e)}'"))})"));
    }

    [Fact]
    public async Task A_batch_of_collections_charges_each_issued_invoice_once_P2()
    {
        var scenario = new Scenario(api);
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        var invoices = new List<long>();
        for (int i = 0; i < 6; i++)
        {
            string account = (await scenario.Account(scenario.Code($"collect{i}"))).GetProperty("code").GetString()!;
            await api.PutCard(account, PaymentHttp.Succeeds).Ok();
            await api.DeliverEventsAsync();
            invoices.Add((await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created()).InvoiceNumber());
        }

        // One pass hands the six InvoiceIssued events to Payments' batch handler, which collects them side by side.
        await api.DeliverEventsAsync();
        string numbers = string.Join(", ", invoices);
        Assert.Equal(6, api.Scalar($"SELECT COUNT(*) FROM invoicing_invoices WHERE Number IN ({numbers}) AND State = 'paid'"));
        Assert.Equal(6, api.Scalar($"SELECT COUNT(*) FROM payments_transactions WHERE InvoiceNumber IN ({numbers}) AND Outcome = 'succeeded'"));
    }

    private long Conversions(string coupon) =>
        api.Scalar($"SELECT COUNT(*) FROM tracking_conversions WHERE ConversionTypeCode = 'couponredeem' AND CouponCode = '{coupon}'");

    private long WebhookEvents(List<Guid> events) =>
        api.Scalar($"SELECT COUNT(*) FROM webhooks_events WHERE ResourceKey <> 'poison' AND Id IN ({string.Join(", ", events.Select(e => $"'evt_{e:N}'"))})");

    /// <summary>A Guid as the outbox stores it: upper-case text on SQLite, a uuid (compared as text) on PostgreSQL.</summary>
    private static string Stored(Guid id) => TestDatabase.OnPostgres ? id.ToString() : id.ToString().ToUpperInvariant();
}
