using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16, listing: the lists an integrator builds on page with <c>limit</c> and an opaque <c>cursor</c> in creation
/// order, answer <c>{data, has_more, next_cursor}</c>, and narrow by the filters users need; a filter naming an unknown
/// resource is that resource's not-found code.
/// </summary>
public sealed class ListingTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Accounts_page_oldest_first_and_following_next_cursor_reads_every_account_once()
    {
        using var api = new BillingApiFactory();
        var created = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            await SetClockAsync(api, Start.AddMinutes(i));
            created.Add((await new Scenario(api).Account()).GetProperty("code").GetString()!);
        }

        var pages = await ReadAllAsync(api.Business(), "/api/accounts?limit=2");

        Assert.Equal([2, 2, 1], pages.Select(p => p.GetProperty("data").GetArrayLength()));
        Assert.Equal([true, true, false], pages.Select(p => p.GetProperty("has_more").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, pages[^1].GetProperty("next_cursor").ValueKind);
        Assert.Equal(created, Codes(pages, "code"));
        Assert.Equal(created, Codes([await api.Business().GetJson("/api/accounts")], "code"));
    }

    [Fact]
    public async Task Accounts_narrow_by_country_email_and_creation_range()
    {
        using var api = new BillingApiFactory();
        var business = api.Business();
        await SetClockAsync(api, Start);
        await business.PostJson("/api/accounts", new { code = "us-early", email = "Early@Example.test", country = "US" }).Created();
        await SetClockAsync(api, Start.AddDays(1));
        await business.PostJson("/api/accounts", new { code = "de-mid", email = "mid@example.test", country = "DE" }).Created();
        await SetClockAsync(api, Start.AddDays(2));
        await business.PostJson("/api/accounts", new { code = "de-late", email = "late@example.test", country = "DE" }).Created();

        Assert.Equal(["de-mid", "de-late"], Codes([await business.GetJson("/api/accounts?country=DE")], "code"));
        Assert.Equal(["us-early"], Codes([await business.GetJson("/api/accounts?email=early@example.TEST")], "code"));
        string from = Uri.EscapeDataString(Start.AddDays(1).ToString("O"));
        string to = Uri.EscapeDataString(Start.AddDays(2).ToString("O"));
        Assert.Equal(["de-mid"], Codes([await business.GetJson($"/api/accounts?created_from={from}&created_to={to}")], "code"));
        Assert.Equal(["de-late"], Codes(await ReadAllAsync(business, $"/api/accounts?country=DE&created_from={from}&limit=1"), "code").Skip(1));

        var country = await (await business.GetAsync("/api/accounts?country=de")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(country.GetProperty("errors").TryGetProperty("country", out _));
        await (await business.GetAsync("/api/accounts?created_from=yesterday")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var unknown = await (await business.GetAsync("/api/accounts?sort=code")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(unknown.GetProperty("errors").TryGetProperty("sort", out _));
    }

    [Theory]
    [InlineData("/api/accounts")]
    [InlineData("/api/subscriptions")]
    public async Task A_limit_outside_1_to_200_or_a_cursor_this_server_did_not_give_is_refused(string list)
    {
        using var api = new BillingApiFactory();
        var business = api.Business();

        foreach (string limit in new[] { "0", "201", "-5" })
        {
            var problem = await (await business.GetAsync($"{list}?limit={limit}")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
        }

        foreach (string cursor in new[] { "abc", "MTI6", "%2B%2B%2B", "acct-1" })
        {
            var problem = await (await business.GetAsync($"{list}?cursor={cursor}")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_cursor");
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
        }

        Assert.False((await business.GetJson($"{list}?limit=200")).GetProperty("has_more").GetBoolean());
        Assert.False((await business.GetJson($"{list}?limit=1")).GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Subscriptions_list_by_account_state_and_plan_and_an_account_s_own_list_is_the_same()
    {
        using var api = new BillingApiFactory();
        var (scenario, account, plan) = await api.ShopAsync();
        string other = (await scenario.Account(scenario.Code("other"))).GetProperty("code").GetString()!;
        string otherPlan = scenario.Code("plan-b");
        await scenario.PlanA(otherPlan);
        await SetClockAsync(api, Start);
        string first = (await api.SubscribeAsync(account, plan)).GetProperty("id").GetString()!;
        await SetClockAsync(api, Start.AddHours(1));
        string second = (await api.SubscribeAsync(account, otherPlan)).GetProperty("id").GetString()!;
        await SetClockAsync(api, Start.AddHours(2));
        string third = (await api.SubscribeAsync(other, plan)).GetProperty("id").GetString()!;
        await api.Business().PostJson($"/api/subscriptions/{second}/cancel", new { timeframe = "now" }).Ok();
        var business = api.Business();

        Assert.Equal([first, second, third], Codes(await ReadAllAsync(business, "/api/subscriptions?limit=1"), "id"));
        Assert.Equal([first, second], Codes([await business.GetJson($"/api/subscriptions?account_code={account}")], "id"));
        Assert.Equal([first, second], Codes(await ReadAllAsync(business, $"/api/accounts/{account}/subscriptions?limit=1"), "id"));
        Assert.Equal([first, third], Codes([await business.GetJson($"/api/subscriptions?plan_code={plan}")], "id"));
        Assert.Equal([first], Codes([await business.GetJson($"/api/subscriptions?account_code={account}&state=active")], "id"));
        Assert.Equal([second], Codes([await business.GetJson($"/api/accounts/{account}/subscriptions?state=expired")], "id"));
        Assert.Empty(Codes([await business.GetJson($"/api/subscriptions?plan_code={otherPlan}&state=active")], "id"));

        await (await business.GetAsync("/api/subscriptions?account_code=nobody")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
        await (await business.GetAsync("/api/accounts/nobody/subscriptions")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
        await (await business.GetAsync("/api/subscriptions?plan_code=nothing")).ShouldBeProblem(HttpStatusCode.NotFound, "plan_not_found");
        var state = await (await business.GetAsync("/api/subscriptions?state=live")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(state.GetProperty("errors").TryGetProperty("state", out _));
        await (await business.GetAsync($"/api/accounts/{account}/subscriptions?account_code={other}")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_coupon_is_read_by_its_own_code_or_by_one_of_its_unique_codes_ignoring_case()
    {
        using var api = new BillingApiFactory();
        var admin = api.Admin();
        string id = (await new Scenario(api).PercentCoupon("SPRING25", 25)).GetProperty("id").GetString()!;
        string bulk = (await admin.PostJson("/api/coupons", new
        {
            code = "BULKY",
            name = "Bulk",
            discount = new { type = "percent", percent = 5 },
            coupon_type = "bulk",
            unique_code_template = "'BK-'99999",
        }).Created()).GetProperty("id").GetString()!;
        string unique = (await admin.PostJson($"/api/coupons/{bulk}/codes", new { count = 1 }).Created()).GetProperty("codes")[0].GetString()!;
        var business = api.Business();

        Assert.Equal(id, (await business.GetJson("/api/coupons/code/spring25")).GetProperty("id").GetString());
        Assert.Equal(bulk, (await business.GetJson("/api/coupons/code/BULKY")).GetProperty("id").GetString());
        Assert.Equal(bulk, (await business.GetJson($"/api/coupons/code/{unique.ToLowerInvariant()}")).GetProperty("id").GetString());
        await (await business.GetAsync("/api/coupons/code/NOPE")).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
    }

    [Fact]
    public async Task Invoices_page_in_number_order_by_account_subscription_state_currency_and_creation_range()
    {
        using var api = new BillingApiFactory();
        var (scenario, account, plan) = await api.ShopAsync();
        string other = (await scenario.Account(scenario.Code("other"))).GetProperty("code").GetString()!;
        await SetClockAsync(api, Start);
        var first = await api.SubscribeAsync(account, plan);
        await SetClockAsync(api, Start.AddDays(1));
        var second = await api.SubscribeAsync(account, plan);
        await SetClockAsync(api, Start.AddDays(2));
        long third = (await api.SubscribeAsync(other, plan)).InvoiceNumber();
        await api.Admin().PostJson($"/api/invoices/{second.InvoiceNumber()}/payments", new { amount = 65.00m, reference = "partner-1" }).Ok();
        var business = api.Business();

        Assert.Equal([first.InvoiceNumber(), second.InvoiceNumber(), third], Numbers(await ReadAllAsync(business, "/api/invoices?limit=2")));
        Assert.Equal([first.InvoiceNumber(), second.InvoiceNumber()], Numbers(await ReadAllAsync(business, $"/api/invoices?account_code={account}&limit=1")));
        Assert.Equal([second.InvoiceNumber()], Numbers([await business.GetJson($"/api/invoices?subscription_id={second.GetProperty("id").GetString()}")]));
        Assert.Equal([second.InvoiceNumber()], Numbers([await business.GetJson("/api/invoices?state=paid&currency=USD")]));
        Assert.Equal([first.InvoiceNumber(), third], Numbers([await business.GetJson("/api/invoices?state=pending")]));
        Assert.Empty(Numbers([await business.GetJson("/api/invoices?currency=EUR")]));
        string from = Uri.EscapeDataString(Start.AddDays(1).ToString("O"));
        Assert.Equal([second.InvoiceNumber(), third], Numbers([await business.GetJson($"/api/invoices?created_from={from}")]));
        Assert.Equal([first.InvoiceNumber()], Numbers([await business.GetJson($"/api/invoices?created_to={from}")]));

        var state = await (await business.GetAsync("/api/invoices?state=open")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(state.GetProperty("errors").TryGetProperty("state", out _));
        await (await business.GetAsync("/api/invoices?currency=usd")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await business.GetAsync("/api/invoices?cursor=nope")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Fact]
    public async Task Coupons_page_in_creation_order_by_state_and_search()
    {
        using var api = new BillingApiFactory();
        var scenario = new Scenario(api);
        var ids = new List<string>();
        foreach (string code in new[] { "ALPHA", "BETA", "GAMMA" })
        {
            await SetClockAsync(api, Start.AddMinutes(ids.Count));
            ids.Add((await scenario.PercentCoupon(code, 10)).GetProperty("id").GetString()!);
        }

        await api.Admin().PostAsync($"/api/coupons/{ids[1]}/expire", null);
        var business = api.Business();

        Assert.Equal(ids, Codes(await ReadAllAsync(business, "/api/coupons?limit=2"), "id"));
        Assert.Equal([ids[0], ids[2]], Codes(await ReadAllAsync(business, "/api/coupons?state=redeemable&limit=1"), "id"));
        Assert.Equal([ids[1]], Codes([await business.GetJson("/api/coupons?state=expired")], "id"));
        Assert.Equal([ids[2]], Codes([await business.GetJson("/api/coupons?q=amm")], "id"));
        await (await business.GetAsync("/api/coupons?limit=0")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Coupons_filter_by_discount_type_and_by_code_or_name_ignoring_case_in_the_database_D1()
    {
        using var api = new BillingApiFactory();
        var scenario = new Scenario(api);
        await SetClockAsync(api, Start);
        string percent = (await scenario.PercentCoupon("SPRING-PCT", 15)).GetProperty("id").GetString()!;
        await SetClockAsync(api, Start.AddMinutes(1));
        string fixedOff = (await api.Admin().PostJson("/api/coupons", new
        {
            code = "spring-fix",
            name = "Spring Fixed",
            discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 5.00m } } },
            duration = new { type = "forever" },
        }).Created()).GetProperty("id").GetString()!;
        await api.Admin().PostAsync($"/api/coupons/{fixedOff}/expire", null);
        var business = api.Business();

        Assert.Equal([percent, fixedOff], Codes([await business.GetJson("/api/coupons?q=Spring")], "id"));
        Assert.Equal([fixedOff], Codes([await business.GetJson("/api/coupons?q=spring%20FIXED")], "id"));
        Assert.Equal([percent], Codes([await business.GetJson("/api/coupons?q=spring&discount_type=percent")], "id"));
        Assert.Equal([fixedOff], Codes([await business.GetJson("/api/coupons?q=spring&discount_type=fixed&state=expired")], "id"));
        Assert.Empty(Codes([await business.GetJson("/api/coupons?q=spring&discount_type=fixed&state=redeemable")], "id"));
        Assert.Empty(Codes([await business.GetJson("/api/coupons?q=spring&discount_type=free_trial")], "id"));
        var refused = await (await business.GetAsync("/api/coupons?discount_type=15%25%20off")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(refused.GetProperty("errors").TryGetProperty("discount_type", out _));
    }

    [Fact]
    public async Task A_coupon_s_and_an_account_s_redemptions_page_in_redemption_order_by_state()
    {
        using var api = new BillingApiFactory();
        var scenario = new Scenario(api);
        string coupon = (await scenario.PercentCoupon("PAGED", 10)).GetProperty("id").GetString()!;
        var business = api.Business();
        var redemptions = new List<string>();
        foreach (string account in new[] { "r-one", "r-two", "r-three" })
        {
            await scenario.Account(account);
            redemptions.Add((await business.PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = "PAGED", currency = "USD" }).Created()).GetProperty("id").GetString()!);
        }

        Assert.Equal(HttpStatusCode.OK, (await business.DeleteAsync($"/api/accounts/r-two/redemptions/{redemptions[1]}")).StatusCode);

        Assert.Equal(redemptions, Codes(await ReadAllAsync(business, $"/api/coupons/{coupon}/redemptions?limit=2"), "id"));
        Assert.Equal([redemptions[0], redemptions[2]], Codes(await ReadAllAsync(business, $"/api/coupons/{coupon}/redemptions?state=active&limit=1"), "id"));
        Assert.Equal([redemptions[1]], Codes([await business.GetJson("/api/accounts/r-two/redemptions?state=inactive")], "id"));
        Assert.Empty(Codes([await business.GetJson("/api/accounts/r-two/redemptions?state=active")], "id"));
        Assert.Equal([redemptions[2]], Codes([await business.GetJson("/api/accounts/r-three/redemptions")], "id"));
        await (await business.GetAsync($"/api/coupons/{coupon}/redemptions?state=ended")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await business.GetAsync($"/api/coupons/{coupon}/redemptions?cursor=x")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_cursor");
        await (await business.GetAsync("/api/coupons/nope/redemptions")).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        await (await business.GetAsync("/api/accounts/nobody/redemptions")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task The_conversion_ledger_pages_oldest_first_by_cid_type_status_and_creation_range()
    {
        using var api = new BillingApiFactory();
        var business = api.Business();
        var cids = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            await SetClockAsync(api, Start.AddHours(i));
            cids.Add(await api.RedeemCid("SAVE10"));
        }

        await SetClockAsync(api, Start.AddHours(3));
        await business.PostConversion(new { cid = cids[1], conversionTypeCode = "sale", amount = new { value = "10" }, externalId = "ch_1" }).Created();

        var all = await ReadAllAsync(business, "/api/tracking/conversions?limit=3");
        Assert.Equal([cids[0], cids[1], cids[2], cids[1]], Codes(all, "cid"));
        Assert.Equal(2, all.Count);
        Assert.Equal(["couponredeem", "sale"], Codes(await ReadAllAsync(business, $"/api/tracking/conversions?cid={cids[1]}&limit=1"), "conversion_type_code"));
        Assert.Equal([cids[1]], Codes([await business.GetJson("/api/tracking/conversions?type=sale")], "cid"));
        string from = Uri.EscapeDataString(Start.AddHours(1).ToString("O"));
        string to = Uri.EscapeDataString(Start.AddHours(3).ToString("O"));
        Assert.Equal([cids[1], cids[2]], Codes([await business.GetJson($"/api/tracking/conversions?created_from={from}&created_to={to}")], "cid"));
        await (await business.GetAsync("/api/tracking/conversions?cursor=zz")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Fact]
    public async Task Plans_packages_and_webhook_endpoints_page_in_creation_order()
    {
        using var api = new BillingApiFactory();
        var admin = api.Admin();
        var scenario = new Scenario(api);
        string[] plans = ["zeta", "alpha", "mid"];
        for (int i = 0; i < plans.Length; i++)
        {
            await SetClockAsync(api, Start.AddMinutes(i));
            await scenario.PlanA(plans[i]);
            await admin.PostJson("/api/packages", new { code = $"pkg-{plans[i]}", name = "100 SMS", currencies = new[] { new { currency = "USD", unit_amount = 10.00m } } }).Created();
        }

        var endpoints = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            await SetClockAsync(api, Start.AddMinutes(10 + i));
            endpoints.Add((await admin.PostJson("/api/webhook-endpoints", new { url = $"http://127.0.0.1:9/hooks/{i}", events = new[] { "*" } }).Created()).GetProperty("id").GetString()!);
        }

        await admin.PostAsync($"/api/webhook-endpoints/{endpoints[0]}/disable", null);

        Assert.Equal(plans, Codes(await ReadAllAsync(api.Business(), "/api/plans?limit=2"), "code"));
        Assert.Equal(plans.Select(p => $"pkg-{p}"), Codes(await ReadAllAsync(api.Business(), "/api/packages?limit=1"), "code"));
        Assert.Equal(endpoints, Codes(await ReadAllAsync(admin, "/api/webhook-endpoints?limit=2"), "id"));
        Assert.Equal(endpoints[1..], Codes(await ReadAllAsync(admin, "/api/webhook-endpoints?state=enabled&limit=1"), "id"));
        Assert.Equal([endpoints[0]], Codes([await admin.GetJson("/api/webhook-endpoints?state=disabled")], "id"));
        await (await admin.GetAsync("/api/webhook-endpoints?state=paused")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().GetAsync("/api/plans?cursor=plan-a")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_cursor");
        await (await api.Business().GetAsync("/api/packages?limit=500")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    /// <summary>Every page of a list, following <c>next_cursor</c> from <paramref name="url"/>.</summary>
    private static async Task<List<JsonElement>> ReadAllAsync(HttpClient client, string url)
    {
        var pages = new List<JsonElement> { await client.GetJson(url) };
        while (pages[^1].GetProperty("has_more").GetBoolean())
        {
            Assert.True(pages.Count < 100, "the list never ends");
            string cursor = pages[^1].GetProperty("next_cursor").GetString()!;
            pages.Add(await client.GetJson($"{url}&cursor={Uri.EscapeDataString(cursor)}"));
        }

        return pages;
    }

    private static List<string> Codes(IEnumerable<JsonElement> pages, string field) =>
        [.. pages.SelectMany(p => p.GetProperty("data").EnumerateArray()).Select(e => e.GetProperty(field).GetString()!)];

    private static List<long> Numbers(IEnumerable<JsonElement> pages) =>
        [.. pages.SelectMany(p => p.GetProperty("data").EnumerateArray()).Select(e => e.GetProperty("number").GetInt64())];

    private static Task SetClockAsync(BillingApiFactory api, DateTimeOffset now) => api.Admin().PostJson("/api/test-clock", new { now }).Ok();
}
