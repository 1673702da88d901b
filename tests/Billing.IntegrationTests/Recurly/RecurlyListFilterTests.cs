using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 20 (RECURLY.md §3.3): every Recurly list applies <c>begin_time</c>/<c>end_time</c> (inclusive) and <c>ids</c>
/// in the module's SQL. Six items created an hour apart: the window [1 h, 4 h] and the ids of items 0, 2 and 5 each
/// keep their items across several pages in both orders, with items left out in the middle; HEAD answers the filtered
/// count, and it is one <c>SELECT COUNT(*)</c> that reads no page (the EF Core command log of the host shows it).
/// </summary>
public sealed class RecurlyListFilterTests
{
    private const string Key = "recurly-filter-admin-key";

    [Fact]
    public async Task Coupons_plans_and_accounts_filter_by_creation_window_and_ids_in_every_order_and_count()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var scenario = new Scenario(api);
        var t0 = await StartClockAsync(api);
        List<string> coupons = [], couponIds = [], plans = [], accounts = [];
        for (int i = 0; i < 6; i++)
        {
            await SetClockAsync(api, t0.AddHours(i));
            string coupon = $"RLF{i}-{scenario.Suffix}";
            couponIds.Add((await scenario.PercentCoupon(coupon, 5)).GetProperty("id").GetString()!);
            coupons.Add(coupon);
            plans.Add((await scenario.PlanA(scenario.Code($"plan{i}"))).GetProperty("code").GetString()!);
            accounts.Add((await scenario.Account(scenario.Code($"acct{i}"))).GetProperty("code").GetString()!);
        }

        var recurly = Recurly(api);
        await FiltersAsync(recurly, "/recurly/coupons", "code", coupons, couponIds, t0);
        await FiltersAsync(recurly, "/recurly/coupons", "code", coupons, [.. couponIds.Select((c, i) => i is 0 or 5 ? "code-" + (i == 0 ? coupons[i].ToLowerInvariant() : coupons[i]) : c)], t0);
        await FiltersAsync(recurly, "/recurly/plans", "code", plans, [.. plans.Select((p, i) => i == 0 ? "code-" + p : Hex(p))], t0);
        await FiltersAsync(recurly, "/recurly/accounts", "code", accounts, [.. accounts.Select((a, i) => i == 2 ? "code-" + a : Hex(a))], t0);
        await FiltersAsync(recurly, "/recurly/accounts?email=BILLING@example.test", "code", accounts, [.. accounts.Select(Hex)], t0);
        await FiltersAsync(recurly, "/recurly/plans?sort=updated_at&state=active", "code", plans, [.. plans.Select(Hex)], t0);
        Assert.Equal("0", await CountAsync(recurly, "/recurly/plans?state=inactive"));
        Assert.Equal("0", await CountAsync(recurly, "/recurly/accounts?email=nobody@example.test"));
    }

    [Fact]
    public async Task Redemptions_codes_invoices_and_subscriptions_filter_by_creation_window_and_ids_in_every_order_and_count()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var scenario = new Scenario(api);
        string account = scenario.Code("acct");
        string plan = scenario.Code("plan");
        await scenario.Account(account);
        await scenario.PlanA(plan);
        // C17: stacked account-level redemptions, so the account keeps all six.
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        var bulk = await api.Admin().PostJson("/api/coupons", new
        {
            code = $"RLFB-{scenario.Suffix}",
            name = "Recurly filters",
            discount = new { type = "percent", percent = 10 },
            coupon_type = "bulk",
            unique_code_template = "'RF-'********",
        }).Created();
        string bulkId = bulk.GetProperty("id").GetString()!;
        var couponCodes = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            couponCodes.Add($"RLFR{i}-{scenario.Suffix}");
            await scenario.PercentCoupon(couponCodes[^1], 5);
        }

        var t0 = await StartClockAsync(api);
        List<string> redemptions = [], codes = [], invoices = [], subscriptions = [];
        for (int i = 0; i < 6; i++)
        {
            await SetClockAsync(api, t0.AddHours(i));
            var redemption = await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = couponCodes[i], currency = "USD" }).Created();
            redemptions.Add(redemption.GetProperty("id").GetString()!);
            var generated = await api.Admin().PostJson($"/api/coupons/{bulkId}/codes", new { count = 1 }).Created();
            codes.Add(generated.GetProperty("codes")[0].GetString()!);
            var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();
            subscriptions.Add(subscription.GetProperty("id").GetString()!);
            invoices.Add(subscription.GetProperty("invoice").GetProperty("number").GetInt64().ToString(CultureInfo.InvariantCulture));
        }

        var recurly = Recurly(api);
        string owner = $"/recurly/accounts/code-{account}";
        await FiltersAsync(recurly, $"{owner}/coupon_redemptions", "id", redemptions, [.. redemptions.Select((r, i) => i == 0 ? "uuid-" + Hex(r) : r)], t0);
        await FiltersAsync(recurly, $"{owner}/coupon_redemptions?state=active", "id", redemptions, redemptions, t0);
        await FiltersAsync(recurly, $"{owner}/coupon_redemptions/active", "id", redemptions, redemptions, t0);
        await FiltersAsync(recurly, $"/recurly/coupons/{bulkId}/unique_coupon_codes", "code", codes, [.. codes.Select((c, i) => i == 2 ? "code-" + c.ToLowerInvariant() : Hex(c))], t0);
        await FiltersAsync(recurly, $"/recurly/coupons/{bulkId}/unique_coupon_codes?redeemed=false", "code", codes, [.. codes.Select(Hex)], t0);
        await FiltersAsync(recurly, $"{owner}/invoices", "number", invoices, [.. invoices.Select((n, i) => i == 5 ? "number-" + n : n)], t0);
        await FiltersAsync(recurly, $"{owner}/invoices?state=pending&type=charge", "number", invoices, invoices, t0);
        await FiltersAsync(recurly, $"{owner}/subscriptions", "id", subscriptions, subscriptions, t0);
        await FiltersAsync(recurly, $"{owner}/subscriptions?state=live", "id", subscriptions, [.. subscriptions.Select((s, i) => i == 0 ? "uuid-" + Hex(s) : s)], t0);
        await FiltersAsync(recurly, $"{owner}/subscriptions?state=active", "id", subscriptions, subscriptions, t0);

        Assert.Equal("0", await CountAsync(recurly, $"{owner}/coupon_redemptions?state=inactive"));
        Assert.Equal("0", await CountAsync(recurly, $"/recurly/coupons/{bulkId}/unique_coupon_codes?redeemed=true"));
        Assert.Equal("0", await CountAsync(recurly, $"{owner}/invoices?state=paid"));
        Assert.Equal("0", await CountAsync(recurly, $"{owner}/invoices?type=credit"));
        Assert.Equal("0", await CountAsync(recurly, $"{owner}/subscriptions?state=expired"));
        Assert.Equal("0", await CountAsync(recurly, $"{owner}/subscriptions?state=paused"));
        var empty = await (await recurly.GetAsync($"{owner}/subscriptions?state=paused")).Body();
        Assert.Empty(empty.GetProperty("data").EnumerateArray());
        Assert.False(empty.GetProperty("has_more").GetBoolean());
    }

    /// <summary>
    /// A <c>code-x</c> entry of <c>ids</c> names the coupon <c>getCoupon(code-x)</c> reads (RECURLY.md §3.4), in the
    /// query's SQL: of a code deactivated and created again, the redeemable coupon only (C15); the old one's id beside it
    /// adds that one; an unknown code names nothing.
    /// </summary>
    [Fact]
    public async Task A_coupon_code_in_ids_names_the_coupon_get_coupon_reads()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var scenario = new Scenario(api);
        string code = $"RLFK-{scenario.Suffix}";
        string other = $"RLFL-{scenario.Suffix}";
        var recurly = Recurly(api);
        string old = (await scenario.PercentCoupon(code, 5)).GetProperty("id").GetString()!;
        using (var deactivated = await recurly.DeleteAsync($"/recurly/coupons/{old}"))
        {
            Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        }

        string current = (await scenario.PercentCoupon(code, 10)).GetProperty("id").GetString()!;
        string otherId = (await scenario.PercentCoupon(other, 5)).GetProperty("id").GetString()!;
        string lower = code.ToLowerInvariant();

        Assert.Equal(current, (await recurly.GetJson($"/recurly/coupons/code-{lower}")).GetProperty("id").GetString());
        Assert.Equal([current], await FollowAsync(recurly, $"/recurly/coupons?ids=code-{lower}", "id"));
        Assert.Equal("1", await CountAsync(recurly, $"/recurly/coupons?ids=code-{lower}"));
        Assert.Equal(new[] { current, old }.Order(), (await FollowAsync(recurly, $"/recurly/coupons?ids=code-{code},{old}&limit=1", "id")).Order());
        Assert.Equal("2", await CountAsync(recurly, $"/recurly/coupons?ids=code-{code},{old}"));
        Assert.Equal([otherId], await FollowAsync(recurly, $"/recurly/coupons?ids=code-{other},code-nope&limit=1", "id"));
        Assert.Equal("0", await CountAsync(recurly, "/recurly/coupons?ids=code-nope"));
        Assert.Empty(await FollowAsync(recurly, "/recurly/coupons?ids=code-nope", "id"));
    }

    /// <summary>5,000 codes: HEAD and a coupon's <c>unique_coupon_codes_count</c> are one COUNT on the codes' table each, no page of codes read.</summary>
    [Fact]
    public async Task Counting_five_thousand_codes_is_one_sql_count_and_reads_no_page()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var log = new SqlCommandLog();
        using var logged = log.Attach(api);
        var coupon = await Admin(logged).PostJson("/api/coupons", new
        {
            code = $"RLFC-{new Scenario(api).Suffix}",
            name = "Recurly count",
            discount = new { type = "percent", percent = 10 },
            coupon_type = "bulk",
            unique_code_template = "'RC-'********",
        }).Created();
        string id = coupon.GetProperty("id").GetString()!;
        await Admin(logged).PostJson($"/api/coupons/{id}/codes", new { count = 5_000 }).Created();
        var recurly = Recurly(logged);

        // The coupon's own read (GetCoupon) counts its codes too; neither that nor the list's count reads a row of codes.
        log.Clear();
        Assert.Equal("5000", await CountAsync(recurly, $"/recurly/coupons/{id}/unique_coupon_codes?limit=1&redeemed=false"));
        OnlyCounts(log.On("coupons_unique_codes"));

        log.Clear();
        using var read = await recurly.GetAsync($"/recurly/coupons/{id}");
        Assert.Equal(5_000, (await read.Body()).GetProperty("unique_coupon_codes_count").GetInt32());
        OnlyCounts(log.On("coupons_unique_codes"));
    }

    /// <summary>The sequence-ordered lists (redemptions, invoices) count the same way: one COUNT with the window and ids in its WHERE.</summary>
    [Fact]
    public async Task Counting_redemptions_and_invoices_is_one_sql_count_with_every_filter()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var log = new SqlCommandLog();
        using var logged = log.Attach(api);
        var scenario = new Scenario(api);
        string account = scenario.Code("acct");
        string plan = scenario.Code("plan");
        await Business(logged).PostJson("/api/accounts", new { code = account, email = "billing@example.test", country = "US", tax_rate = 0m }).Created();
        await Admin(logged).PostJson("/api/plans", new
        {
            code = plan,
            name = "Plan",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 15.00m } },
        }).Created();
        await Admin(logged).PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        var invoices = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string code = $"RLFS{i}-{scenario.Suffix}";
            await Admin(logged).PostJson("/api/coupons", new { code, name = "5% off", discount = new { type = "percent", percent = 5 } }).Created();
            await Business(logged).PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" }).Created();
            var subscription = await Business(logged).PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();
            invoices.Add(subscription.GetProperty("invoice").GetProperty("number").GetInt64().ToString(CultureInfo.InvariantCulture));
        }

        var recurly = Recurly(logged);
        string window = $"begin_time={Iso(InstantRangeStart)}&end_time={Iso(DateTimeOffset.UtcNow.AddYears(100))}";
        log.Clear();
        Assert.Equal("3", await CountAsync(recurly, $"/recurly/accounts/code-{account}/coupon_redemptions?state=active&{window}"));
        OnlyCounts(log.On("coupons_redemptions"));

        log.Clear();
        Assert.Equal("2", await CountAsync(recurly, $"/recurly/accounts/code-{account}/invoices?ids={invoices[0]},number-{invoices[2]}&{window}"));
        OnlyCounts(log.On("invoicing_invoices"));
    }

    /// <summary>The request ran SQL on the table, and every such command was a COUNT that read no page (no LIMIT).</summary>
    private static void OnlyCounts(List<string> commands)
    {
        string all = string.Join("\n---\n", commands);
        Assert.True(commands.Count > 0, "no SQL on the table");
        Assert.All(commands, command =>
        {
            Assert.True(command.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase), all);
            Assert.False(command.Contains("LIMIT", StringComparison.OrdinalIgnoreCase), all);
        });
    }

    private static readonly DateTimeOffset InstantRangeStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Items 0–5 of the list, created an hour apart from <paramref name="t0"/>: the window [t0 + 1 h, t0 + 4 h] keeps 1–4
    /// (both ends included), the ids of 0, 2 and 5 (and one unknown id) keep those, both together keep 2; each read across
    /// several pages in both orders, each counted by HEAD.
    /// </summary>
    private static async Task FiltersAsync(HttpClient recurly, string path, string field, IReadOnlyList<string> items, IReadOnlyList<string> ids, DateTimeOffset t0)
    {
        string With(string parameters) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + parameters;
        string window = $"begin_time={Iso(t0.AddHours(1))}&end_time={Iso(t0.AddHours(4))}";
        string someIds = "ids=" + string.Join("%2C", ids[0], ids[2], ids[5], "zz");
        List<string> inWindow = [.. items.Skip(1).Take(4)];
        List<string> byIds = [items[0], items[2], items[5]];

        Assert.Equal(items, await FollowAsync(recurly, With("order=asc&limit=4"), field));
        Assert.Equal(items.Count.ToString(CultureInfo.InvariantCulture), await CountAsync(recurly, With("limit=1")));
        Assert.Equal(inWindow, await FollowAsync(recurly, With($"{window}&order=asc&limit=1"), field));
        Assert.Equal(Enumerable.Reverse(inWindow), await FollowAsync(recurly, With($"{window}&limit=3"), field));
        Assert.Equal("4", await CountAsync(recurly, With($"{window}&limit=1")));
        Assert.Equal(byIds, await FollowAsync(recurly, With($"{someIds}&order=asc&limit=2"), field));
        Assert.Equal(Enumerable.Reverse(byIds), await FollowAsync(recurly, With($"{someIds}&limit=1"), field));
        Assert.Equal("3", await CountAsync(recurly, With(someIds)));
        Assert.Equal([items[2]], await FollowAsync(recurly, With($"{someIds}&{window}&limit=1"), field));
        Assert.Equal("1", await CountAsync(recurly, With($"{someIds}&{window}")));
    }

    private static async Task<DateTimeOffset> StartClockAsync(BillingApiFactory api)
    {
        var now = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        // Whole hours: PostgreSQL keeps microseconds, so the window's ends fall exactly on the items' instants on both engines.
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour + 1), TimeSpan.Zero);
        await SetClockAsync(api, start);
        return start;
    }

    private static Task SetClockAsync(BillingApiFactory api, DateTimeOffset now) => api.Admin().PostJson("/api/test-clock", new { now }).Ok();

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    private static string Hex(string key) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key));

    private static HttpClient Admin(WebApplicationFactory<Program> host) => WithBearer(host, BillingApiFactory.AdminToken);

    private static HttpClient Business(WebApplicationFactory<Program> host) => WithBearer(host, BillingApiFactory.BusinessToken);

    private static HttpClient WithBearer(WebApplicationFactory<Program> host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static HttpClient Recurly(WebApplicationFactory<Program> host)
    {
        var recurly = host.CreateClient();
        recurly.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(Key + ":")));
        recurly.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.recurly.v2021-02-25+json");
        return recurly;
    }

    /// <summary>Every item of the list, following <c>next</c> as the client does; each page holds an item while more follow.</summary>
    private static async Task<List<string>> FollowAsync(HttpClient recurly, string path, string field)
    {
        var items = new List<string>();
        string? next = path;
        int pages = 0;
        while (next is not null)
        {
            using var response = await recurly.GetAsync(next);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{next}: {await response.Content.ReadAsStringAsync()}");
            var page = await response.Body();
            var data = page.GetProperty("data").EnumerateArray().ToList();
            bool more = page.GetProperty("has_more").GetBoolean();
            Assert.True(data.Count > 0 || !more, "an empty page with has_more");
            items.AddRange(data.Select(item => item.GetProperty(field) is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : item.GetProperty(field).GetString()!));
            next = more ? "/recurly" + page.GetProperty("next").GetString() : null;
            Assert.True(++pages <= items.Count + 1, "more pages than items");
        }

        Assert.Equal(items.Count, items.Distinct().Count());
        return items;
    }

    private static async Task<string?> CountAsync(HttpClient recurly, string path)
    {
        using var response = await recurly.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {response.StatusCode}");
        return response.Headers.TryGetValues("Recurly-Total-Records", out var total) ? total.Single() : null;
    }
}
