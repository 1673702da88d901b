using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>D3: the CSV exports: a header row, one row per record, major units beside the currency, ISO 8601 UTC instants.</summary>
public sealed class ExportTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private async Task<string[]> Csv(string path)
    {
        using var response = await api.Business().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Fact]
    public async Task The_invoice_line_export_has_a_header_and_one_row_per_line_in_major_units_with_the_currency_and_UTC_instants_D3()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        string coupon = $"EXP-{scenario.Suffix}";
        await scenario.PlanA(plan);
        await scenario.Account(account);
        await scenario.PercentCoupon(coupon, 10);
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", add_ons = new[] { new { code = "extra", quantity = 1 } }, coupon_codes = new[] { coupon } }).Created();
        long number = subscription.GetProperty("invoice").GetProperty("number").GetInt64();

        string[] lines = await Csv("/api/exports/invoice-lines.csv");
        Assert.Equal("invoice_number,line,type,code,description,quantity,unit_amount,amount,discount,tax,total,currency,created_at", lines[0]);
        var mine = lines.Skip(1).Where(l => l.StartsWith($"{number},", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, mine.Count);
        Assert.Matches(@",15\.00,15\.00,1\.50,0\.00,13\.50,USD,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", mine[1]);

        string[] discounts = await Csv("/api/exports/invoice-line-discounts.csv");
        Assert.Equal(2, discounts.Count(l => l.StartsWith($"{number},", StringComparison.Ordinal) && l.Contains(coupon, StringComparison.Ordinal)));
        string[] invoices = await Csv("/api/exports/invoices.csv");
        Assert.Contains(invoices, l => l.StartsWith($"{number},{account},", StringComparison.Ordinal) && l.Contains(",72.00,2.20,0.00,69.80,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_coupon_export_is_filtered_by_a_date_range()
    {
        string code = $"RANGE-{new Scenario(api).Suffix}";
        await new Scenario(api).PercentCoupon(code, 5);

        Assert.Contains(await Csv("/api/exports/coupons.csv?from=2000-01-01"), l => l.Contains(code, StringComparison.Ordinal));
        string[] none = await Csv("/api/exports/coupons.csv?to=2000-01-01");
        Assert.Single(none);
        Assert.StartsWith("id,code,name,", none[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_coupons_unique_codes_export_takes_its_coupon_id_and_lists_every_code_C16()
    {
        string code = $"BULKX-{new Scenario(api).Suffix}";
        var coupon = await api.Admin().PostJson("/api/coupons", new
        {
            code,
            name = "Bulk export",
            discount = new { type = "percent", percent = 10 },
            coupon_type = "bulk",
            unique_code_template = "'BX-'xx99**",
        }).Created();
        string id = coupon.GetProperty("id").GetString()!;
        await api.Admin().PostJson($"/api/coupons/{id}/codes", new { count = 5 });

        string[] rows = await Csv($"/api/exports/unique-codes.csv?coupon_id={id}");

        Assert.StartsWith("code,coupon_id,state", rows[0], StringComparison.Ordinal);
        Assert.Equal(5, rows.Skip(1).Count(l => l.StartsWith("BX-", StringComparison.OrdinalIgnoreCase) && l.Contains($",{id},redeemable,", StringComparison.Ordinal)));
    }

    /// <summary>
    /// D3, issue 17: exports stream every row, page by page — the conversions export stopped at the list query's 1,000
    /// rows and the unique-codes export at 10,000 codes, cutting larger exports without a word.
    /// </summary>
    [Fact]
    public async Task Exports_hold_every_row_past_the_list_queries_caps_D3()
    {
        string code = $"BULKBIG-{new Scenario(api).Suffix}";
        var coupon = await api.Admin().PostJson("/api/coupons", new
        {
            code,
            name = "Big bulk export",
            discount = new { type = "percent", percent = 10 },
            coupon_type = "bulk",
            unique_code_template = "'BB-'********",
        }).Created();
        string id = coupon.GetProperty("id").GetString()!;
        await api.Admin().PostJson($"/api/coupons/{id}/codes", new { count = 10_000 }).Created();
        await api.Admin().PostJson($"/api/coupons/{id}/codes", new { count = 7 }).Created();
        string[] codes = await Csv($"/api/exports/unique-codes.csv?coupon_id={id}");
        Assert.Equal(10_007, codes.Skip(1).Count(l => l.StartsWith("BB-", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(10_007, codes.Skip(1).Distinct().Count());

        await api.CouponRedeemTypeExists();
        const int Sales = 1_010;
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, Sales).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await api.Business().PostConversion(new { couponCode = code, status = "CONVERSION_STATUS_APPROVED", conversionTypeCode = "couponredeem", geoLocation = "US", externalId = $"big-export-{i}" }).Created();
            }
            finally
            {
                gate.Release();
            }
        }));
        string[] conversions = await Csv("/api/exports/conversions.csv");
        Assert.Equal(Sales, conversions.Count(l => l.Contains(",big-export-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unknown_export_is_404_and_a_bad_date_is_400_with_a_code()
    {
        await (await api.Business().GetAsync("/api/exports/everything.csv")).AssertProblem(HttpStatusCode.NotFound, "export_not_found");
        await (await api.Business().GetAsync("/api/exports/coupons.csv?from=yesterday")).AssertProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().GetAsync("/api/exports/unique-codes.csv")).AssertProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync("/api/exports/coupons.csv")).StatusCode);
    }
}
