using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16: the credit ledger (P5), an invoice's payment transactions (P2) and the conversion error log (T4) answer the
/// one page shape, walked with <c>limit</c> and <c>cursor</c> to the end without a row twice or missed.
/// </summary>
public sealed class PagedLedgerTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    /// <summary>Every page of <paramref name="list"/> at <paramref name="limit"/> rows, checking the shape of each.</summary>
    private async Task<List<JsonElement>> Walk(string list, int limit)
    {
        var rows = new List<JsonElement>();
        string? cursor = null;
        string separator = list.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        do
        {
            var page = await api.Business().GetJson($"{list}{separator}limit={limit}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            var data = page.GetProperty("data").EnumerateArray().ToList();
            Assert.True(data.Count <= limit);
            cursor = page.GetProperty("next_cursor").GetString();
            Assert.Equal(cursor is not null, page.GetProperty("has_more").GetBoolean());
            rows.AddRange(data);
        }
        while (cursor is not null);
        return rows;
    }

    /// <summary>One second later on the test clock, so rows written next are not at the same instant.</summary>
    private Task Tick() => api.AdvanceClockAsync(TimeSpan.FromSeconds(1));

    private async Task RefusesBadPaging(string list)
    {
        await (await api.Business().GetAsync($"{list}?limit=0")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().GetAsync($"{list}?cursor=abc")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Fact]
    public async Task The_credit_ledger_pages_oldest_first_P5()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Succeeds);
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        foreach (decimal amount in new[] { 1.00m, 2.00m, 3.00m })
        {
            await api.Admin().PostJson($"/api/invoices/{number}/refund", new { amount, to = "credit" }).Ok();
        }

        string list = $"/api/accounts/{account}/credit-ledger";
        var walked = await Walk(list, 1);

        Assert.Equal([1.00m, 2.00m, 3.00m], walked.Select(e => e.GetProperty("amount").GetDecimal()));
        Assert.Equal([1.00m, 3.00m, 6.00m], walked.Select(e => e.GetProperty("balance_after").GetDecimal()));
        Assert.Equal(3, (await Walk(list, 2)).Count);
        await RefusesBadPaging(list);
        await (await api.Business().GetAsync("/api/accounts/nobody-here/credit-ledger")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task An_invoices_transactions_page_oldest_first_P2()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Declines);
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        await Tick();
        await api.Admin().PostAsync($"/api/invoices/{number}/collect", null);
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();
        await Tick();
        await api.Admin().PostAsync($"/api/invoices/{number}/collect", null);

        string list = $"/api/invoices/{number}/transactions";
        var all = (await api.Business().GetJson($"{list}?limit=200")).GetProperty("data").EnumerateArray().ToList();
        var walked = await Walk(list, 1);

        Assert.True(all.Count >= 3, $"{all.Count} transactions");
        Assert.Equal("succeeded", all[^1].GetProperty("outcome").GetString());
        Assert.Equal(all.Select(t => t.GetProperty("id").GetString()), walked.Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(all.Select(t => t.GetProperty("created_at").GetDateTimeOffset()).Order(), all.Select(t => t.GetProperty("created_at").GetDateTimeOffset()));
        await RefusesBadPaging(list);
    }

    [Fact]
    public async Task Transactions_made_at_one_instant_list_in_the_order_they_were_made_P2()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Declines);
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        await api.Admin().PostAsync($"/api/invoices/{number}/collect", null);
        // A new card collects the invoice at once (P3); then two refunds to the card (P6). The test clock stands still.
        await api.PutCard(account, PaymentHttp.Succeeds).Ok();
        await api.Admin().PostJson($"/api/invoices/{number}/refund", new { amount = 1.00m, to = "payment_method" }).Ok();
        await api.Admin().PostJson($"/api/invoices/{number}/refund", new { amount = 2.00m, to = "payment_method" }).Ok();

        string list = $"/api/invoices/{number}/transactions";
        var all = (await api.Business().GetJson($"{list}?limit=200")).GetProperty("data").EnumerateArray().ToList();

        Assert.Single(all.Select(t => t.GetProperty("created_at").GetDateTimeOffset()).Distinct());
        Assert.Equal(
            ["charge declined", "charge declined", "charge succeeded", "refund succeeded 1.00", "refund succeeded 2.00"],
            all.Select(t => t.GetProperty("kind").GetString() + " " + t.GetProperty("outcome").GetString()
                + (t.GetProperty("kind").GetString() == "refund" ? " " + t.GetProperty("amount").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "")));
        var ids = all.Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids, (await Walk(list, 1)).Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(ids, (await Walk(list, 1)).Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(ids, (await Walk(list, 2)).Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_conversion_error_log_pages_newest_first_T4()
    {
        string cid = await api.RedeemCid("PAGEDERR");
        var externalIds = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string externalId = $"ch_{Guid.NewGuid():N}";
            externalIds.Add(externalId);
            await Tick();
            await api.Business().PostConversion(new { cid, conversionTypeCode = "sale", amount = new { value = "10" }, externalId });
            var again = await api.Business().PostConversion(new { cid, conversionTypeCode = "sale", amount = new { value = "10" }, externalId });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var walked = await Walk("/api/tracking/errors", 2);

        var mine = walked.Select(e => e.GetProperty("external_id").GetString()!).Where(externalIds.Contains).ToList();
        Assert.Equal(Enumerable.Reverse(externalIds), mine);
        Assert.Equal(walked.Count, walked.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        var instants = walked.Select(e => e.GetProperty("created_at").GetDateTimeOffset()).ToList();
        Assert.Equal(instants.OrderDescending(), instants);
        await RefusesBadPaging("/api/tracking/errors");
    }
}
