using Xunit;

namespace Billing.IntegrationTests;

/// <summary>P2: however many collections of one invoice run at once, it is charged once.</summary>
public sealed class CollectionConcurrencyTests : IClassFixture<BillingApiFactory>
{
    private readonly BillingApiFactory api;

    public CollectionConcurrencyTests(BillingApiFactory api)
    {
        this.api = api;
        // The invoice's own event would collect it first; held back, the twenty requests race each other.
        api.Settings["Billing:Outbox:DispatchEnabled"] = "false";
    }

    [Fact]
    public async Task Twenty_concurrent_collections_of_one_invoice_charge_it_exactly_once_P2()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        long number = (await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created()).InvoiceNumber();

        using var gate = api.Barriers.Arm(20);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gate.Through(api.Admin()).PostAsync($"/api/invoices/{number}/collect", null).Ok()));
        Assert.True(gate.AllArrivedTogether, $"only {gate.Arrived} of 20 requests were in the host at once");
        await api.DeliverEventsAsync();

        Assert.Single(answers, a => a.GetProperty("outcome").GetString() == "succeeded");
        Assert.Equal(19, answers.Count(a => a.GetProperty("outcome").GetString() == "not_attempted"));
        Assert.Equal(1, api.ChargesOf(number));
        Assert.Single(await api.Transactions(number));
        var invoice = await api.Invoice(number);
        Assert.Equal("paid", invoice.GetProperty("state").GetString());
        Assert.Single(invoice.GetProperty("payments").EnumerateArray());
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM invoicing_outbox WHERE Type LIKE '%InvoicePaid%' AND Payload LIKE '%\"invoiceNumber\":{number},%'"));
    }
}
