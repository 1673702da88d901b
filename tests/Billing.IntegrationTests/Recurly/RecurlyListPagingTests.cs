using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 20 (RECURLY.md §3.3), issue 17: the Recurly lists read the module's keyset pages, in Recurly's default
/// newest-first order or <c>order=asc</c>, filters applied page by page: following <c>next</c> gives every item once,
/// in order, never an empty page while <c>has_more</c> is true, and HEAD counts what the pages hold.
/// </summary>
public sealed class RecurlyListPagingTests
{
    private const string Key = "recurly-paging-admin-key";

    [Fact]
    public async Task A_bulk_coupons_codes_page_newest_first_and_ascending_with_a_filter_each_code_once()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var scenario = new Scenario(api);
        string code = $"RPG-{scenario.Suffix}";
        var coupon = await api.Admin().PostJson("/api/coupons", new
        {
            code,
            name = "Recurly paging",
            discount = new { type = "percent", percent = 10 },
            coupon_type = "bulk",
            unique_code_template = "'RP-'********",
        }).Created();
        string id = coupon.GetProperty("id").GetString()!;
        await api.Admin().PostJson($"/api/coupons/{id}/codes", new { count = 7 }).Created();
        var codes = (await api.Business().GetJson($"/api/coupons/{id}/codes?limit=200")).GetProperty("data").EnumerateArray()
            .Select(c => c.GetProperty("code").GetString()!).ToList();
        foreach (int redeemed in (int[])[1, 4])
        {
            string account = scenario.Code($"acct{redeemed}");
            await scenario.Account(account);
            await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = codes[redeemed], currency = "USD" }).Created();
        }

        var recurly = Recurly(api);
        string path = $"/recurly/coupons/{id}/unique_coupon_codes";
        Assert.Equal(Enumerable.Reverse(codes), await FollowAsync(recurly, $"{path}?limit=2", "code"));
        var unredeemed = codes.Where((_, i) => i is not (1 or 4)).ToList();
        Assert.Equal(unredeemed, await FollowAsync(recurly, $"{path}?limit=2&order=asc&redeemed=false", "code"));
        Assert.Equal(codes.Where((_, i) => i is 1 or 4), await FollowAsync(recurly, $"{path}?limit=1&order=asc&redeemed=true", "code"));
        Assert.Equal("5", await CountAsync(recurly, $"{path}?limit=2&redeemed=false"));
        Assert.Equal("7", await CountAsync(recurly, path));
    }

    [Fact]
    public async Task An_accounts_invoices_and_the_coupons_page_past_one_page_and_a_foreign_cursor_is_refused()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        await scenario.PlanA(plan);
        await scenario.Account(account);
        var numbers = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();
            numbers.Add(subscription.GetProperty("invoice").GetProperty("number").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (int i = 0; i < 5; i++)
        {
            await scenario.PercentCoupon($"RPC{i}-{scenario.Suffix}", 5);
        }

        var recurly = Recurly(api);
        Assert.Equal(Enumerable.Reverse(numbers), await FollowAsync(recurly, $"/recurly/accounts/code-{account}/invoices?limit=1", "number"));
        Assert.Equal(numbers, await FollowAsync(recurly, $"/recurly/accounts/code-{account}/invoices?limit=2&order=asc", "number"));
        var coupons = (await api.Business().GetJson("/api/coupons?limit=200")).GetProperty("data").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();
        Assert.Equal(5, coupons.Count);
        Assert.Equal(coupons, await FollowAsync(recurly, "/recurly/coupons?limit=2&order=asc", "code"));
        Assert.Equal(Enumerable.Reverse(coupons), await FollowAsync(recurly, "/recurly/coupons?limit=3", "code"));
        Assert.Equal("5", await CountAsync(recurly, "/recurly/coupons?limit=2"));

        var refused = await recurly.GetAsync("/recurly/coupons?cursor=638000000000000000:coupon_x");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("validation", (await refused.Body()).GetProperty("error").GetProperty("type").GetString());
    }

    /// <summary>The count and the list of a bulk coupon's codes stopped at 10,000 (the list query's cap): past it, every code counts.</summary>
    [Fact]
    public async Task A_bulk_coupon_past_ten_thousand_codes_counts_and_lists_every_code()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var coupon = await api.Admin().PostJson("/api/coupons", new
        {
            code = $"RPBIG-{new Scenario(api).Suffix}",
            name = "Recurly big bulk",
            discount = new { type = "percent", percent = 10 },
            coupon_type = "bulk",
            unique_code_template = "'RB-'********",
        }).Created();
        string id = coupon.GetProperty("id").GetString()!;
        await api.Admin().PostJson($"/api/coupons/{id}/codes", new { count = 10_000 }).Created();
        await api.Admin().PostJson($"/api/coupons/{id}/codes", new { count = 3 }).Created();

        var recurly = Recurly(api);
        Assert.Equal("10003", await CountAsync(recurly, $"/recurly/coupons/{id}/unique_coupon_codes"));
        Assert.Equal(10_003, (await (await recurly.GetAsync($"/recurly/coupons/{id}")).Body()).GetProperty("unique_coupon_codes_count").GetInt32());
        Assert.Equal(10_003, (await FollowAsync(recurly, $"/recurly/coupons/{id}/unique_coupon_codes?limit=200&order=asc", "code")).Count);
    }

    private static HttpClient Recurly(BillingApiFactory api)
    {
        var recurly = api.CreateClient();
        recurly.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(Key + ":")));
        recurly.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.recurly.v2021-02-25+json");
        return recurly;
    }

    /// <summary>Every item of the list, following <c>next</c> as the client does; each page holds an item while more follow.</summary>
    private static async Task<List<string>> FollowAsync(HttpClient recurly, string path, string field)
    {
        var items = new List<string>();
        string? next = path;
        while (next is not null)
        {
            using var response = await recurly.GetAsync(next);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = await response.Body();
            var data = page.GetProperty("data").EnumerateArray().ToList();
            bool more = page.GetProperty("has_more").GetBoolean();
            Assert.True(data.Count > 0 || !more, "an empty page with has_more");
            items.AddRange(data.Select(item => item.GetProperty(field) is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : item.GetProperty(field).GetString()!));
            next = more ? "/recurly" + page.GetProperty("next").GetString() : null;
        }

        Assert.Equal(items.Count, items.Distinct().Count());
        return items;
    }

    private static async Task<string?> CountAsync(HttpClient recurly, string path)
    {
        using var response = await recurly.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("Recurly-Total-Records", out var total) ? total.Single() : null;
    }
}
