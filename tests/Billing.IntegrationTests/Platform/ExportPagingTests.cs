using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// D3, issue 17: every export streams its rows through the module's keyset pages. With three rows a page, seven records
/// span three pages: each must arrive once, in the list's own order, with nothing left after the last full page.
/// </summary>
public sealed class ExportPagingTests
{
    private const int Records = 7;

    [Fact]
    public async Task Exports_read_page_after_page_and_hold_every_row_once_in_list_order_D3()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Exports:PageSize"] = "3";
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string shared = $"PG-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code = shared, name = "paged", discount = new { type = "percent", percent = 10 }, duration = new { type = "forever" } }).Created();
        for (int i = 1; i < Records; i++)
        {
            await scenario.PercentCoupon($"PG{i}-{scenario.Suffix}", 5);
        }

        for (int i = 0; i < Records; i++)
        {
            string account = scenario.Code($"acct{i}");
            await scenario.Account(account);
            await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { shared } }).Created();
        }

        var coupons = await Ids(api, "/api/coupons?limit=200");
        Assert.Equal(Records, coupons.Count);
        Assert.Equal(coupons, Column(await Csv(api, "/api/exports/coupons.csv"), 0));

        string sharedId = (await api.Business().GetJson($"/api/coupons/code/{shared}")).GetProperty("id").GetString()!;
        var redemptions = await Ids(api, $"/api/coupons/{sharedId}/redemptions?limit=200");
        Assert.Equal(Records, redemptions.Count);
        Assert.Equal(redemptions, Column(await Csv(api, "/api/exports/redemptions.csv"), 0));

        var invoices = Column(await Csv(api, "/api/exports/invoices.csv"), 0).Select(long.Parse).ToList();
        Assert.Equal(Records, invoices.Count);
        Assert.Equal(invoices.Order().Distinct(), invoices);
        var lines = Column(await Csv(api, "/api/exports/invoice-lines.csv"), 0).Select(long.Parse).ToList();
        Assert.Equal(invoices, lines.Distinct());
        Assert.Equal(lines.Order(), lines);

        var bulk = await api.Admin().PostJson("/api/coupons", new
        {
            code = $"PGB-{scenario.Suffix}",
            name = "paged bulk",
            discount = new { type = "percent", percent = 10 },
            coupon_type = "bulk",
            unique_code_template = "'PB-'********",
        }).Created();
        string bulkId = bulk.GetProperty("id").GetString()!;
        await api.Admin().PostJson($"/api/coupons/{bulkId}/codes", new { count = Records }).Created();
        var codes = (await api.Business().GetJson($"/api/coupons/{bulkId}/codes?limit=200")).GetProperty("data").EnumerateArray()
            .Select(c => c.GetProperty("code").GetString()!).ToList();
        Assert.Equal(codes, Column(await Csv(api, $"/api/exports/unique-codes.csv?coupon_id={bulkId}"), 0));
    }

    private static async Task<List<string>> Ids(BillingApiFactory api, string path)
    {
        var page = await api.Business().GetJson(path);
        Assert.False(page.GetProperty("has_more").GetBoolean());
        return [.. page.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];
    }

    private static async Task<string[]> Csv(BillingApiFactory api, string path)
    {
        using var response = await api.Business().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static List<string> Column(string[] csv, int column) => [.. csv.Skip(1).Select(row => row.Split(',')[column])];
}
