using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// P2, P5, P6 as properties: generated accounts (each card of the test gateway, or none) live through generated events —
/// signups, downgrades and upgrades now, one-time charges, recorded payments, refunds to credit or to the card, new cards,
/// days of bill runs and dunning — and afterwards, over everything stored: each account's ledger sums to its balance,
/// no balance is negative, every paid invoice with something to pay has exactly one successful charge or recorded
/// payment, and on every paid invoice what was paid plus the credit applied is its total.
/// </summary>
public sealed class PaymentPropertyTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private static readonly string[] Cards =
        [PaymentHttp.Succeeds, PaymentHttp.Declines, PaymentHttp.InsufficientFunds, PaymentHttp.DeclinesOnce, PaymentHttp.ProcessingError, ""];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Ledgers_balances_and_paid_invoices_stay_consistent_whatever_happens_P2_P5_P6(int seed)
    {
        var random = new Random(seed);
        var scenario = new Scenario(api);
        string big = scenario.Code("big"), small = scenario.Code("small");
        foreach (var (code, price) in new[] { (big, 90.00m), (small, 12.00m) })
        {
            await api.Admin().PostJson("/api/plans", new
            {
                code,
                name = code,
                interval = new { length = 1, unit = "month" },
                currencies = new[] { new { currency = "USD", unit_amount = price, setup_fee = 0m } },
            }).Created();
        }

        var subscriptions = new List<(string Account, string Id)>();
        for (int i = 0; i < 6; i++)
        {
            string account = (await scenario.Account(scenario.Code($"p{i}"), taxRate: random.Next(3) * 5m)).GetProperty("code").GetString()!;
            string card = Cards[random.Next(Cards.Length)];
            if (card.Length > 0)
            {
                await api.PutCard(account, card).Ok();
            }

            var subscription = await api.SubscribeAsync(account, random.Next(2) == 0 ? big : small);
            subscriptions.Add((account, subscription.GetProperty("id").GetString()!));
        }

        var now = await api.NowAsync();
        for (int step = 0; step < 30; step++)
        {
            var (account, id) = subscriptions[random.Next(subscriptions.Count)];
            var invoices = (await api.Business().GetJson($"/api/invoices?account_code={account}")).GetProperty("data").EnumerateArray().ToList();
            var invoice = invoices[random.Next(invoices.Count)];
            long number = invoice.GetProperty("number").GetInt64();
            switch (random.Next(7))
            {
                case 0:
                    await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = random.Next(2) == 0 ? big : small, timeframe = "now" });
                    break;
                case 1:
                    await api.Business().PostJson($"/api/accounts/{account}/charges", new { description = "Extra", currency = "USD", amount = random.Next(1, 80) });
                    break;
                case 2:
                    await api.Admin().PostJson($"/api/invoices/{number}/payments", new { amount = invoice.GetProperty("amount_due").GetDecimal(), reference = $"ext-{step}" });
                    break;
                case 3:
                    await api.Admin().PostJson($"/api/invoices/{number}/refund", new { amount = random.Next(2) == 0 ? (decimal?)null : random.Next(1, 40), to = random.Next(2) == 0 ? "credit" : "payment_method" });
                    break;
                case 4:
                    await api.PutCard(account, Cards[random.Next(Cards.Length - 1)]);
                    break;
                default:
                    now = now.AddDays(random.Next(1, 6));
                    await api.Admin().PostJson("/api/test-clock", new { now }).Ok();
                    await api.Admin().PostAsync("/api/bill-runs", null).Ok();
                    break;
            }

            await api.DeliverEventsAsync();
        }

        Assert.Equal(0, api.Scalar("""
            SELECT COUNT(*) FROM invoicing_credit_balances b
            WHERE b.Balance <> (SELECT COALESCE(SUM(e.Amount), 0) FROM invoicing_credit_ledger e WHERE e.AccountCode = b.AccountCode AND e.Currency = b.Currency)
            """));
        Assert.Equal(0, api.Scalar("""
            SELECT COUNT(*) FROM (SELECT DISTINCT AccountCode, Currency FROM invoicing_credit_ledger) l
            WHERE NOT EXISTS (SELECT 1 FROM invoicing_credit_balances b WHERE b.AccountCode = l.AccountCode AND b.Currency = l.Currency)
            """));
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM invoicing_credit_balances WHERE Balance < 0"));
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM invoicing_credit_ledger WHERE BalanceAfter < 0"));
        Assert.Equal(0, api.Scalar("""
            SELECT COUNT(*) FROM invoicing_invoices i
            WHERE i.State = 'paid' AND i.Kind <> 'credit_note' AND i.Total - i.CreditApplied > 0
              AND (SELECT COUNT(*) FROM payments_transactions t WHERE t.InvoiceNumber = i.Number AND t.Outcome = 'succeeded' AND t.Kind IN ('charge', 'external')) <> 1
            """));
        Assert.Equal(0, api.Scalar("""
            SELECT COUNT(*) FROM invoicing_invoices
            WHERE State = 'paid' AND Kind <> 'credit_note' AND Total > 0 AND AmountPaid + CreditApplied <> Total
            """));
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM invoicing_invoices WHERE AmountRefunded > AmountPaid + CreditApplied"));
        Assert.True(api.Scalar("SELECT COUNT(*) FROM invoicing_invoices WHERE State = 'paid' AND Total > 0") > 0, "no invoice was paid");
    }
}
