using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 20: /api and /recurly read the same list queries with one creation window whose end says whether it is
/// included. /api's <c>created_from</c>/<c>created_to</c> are [from, to) (README, API overview); Recurly's
/// <c>begin_time</c>/<c>end_time</c> are [begin, end] (RECURLY.md §3.3). Accounts and one account's invoices created at
/// exactly T0, T1 and T2 pin each bound on both surfaces: the item at a start is in on both, the item at an end is out on
/// /api and in on /recurly, a window of one instant is refused by /api and holds that instant's item on /recurly.
/// </summary>
public sealed class CreatedRangeBoundaryTests
{
    private const string Key = "created-range-admin-key";

    [Fact]
    public async Task An_item_created_exactly_at_a_bound_is_in_or_out_as_each_api_documents()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string payer = scenario.Code("payer");
        var t0 = await StartClockAsync(api);
        List<string> accounts = [];
        List<string> invoices = [];
        for (int i = 0; i < 3; i++)
        {
            await SetClockAsync(api, t0.AddHours(i));
            accounts.Add((await scenario.Account(scenario.Code($"acct{i}"))).GetProperty("code").GetString()!);
            if (i == 0)
            {
                await scenario.Account(payer);
            }

            invoices.Add((await api.SubscribeAsync(payer, plan)).InvoiceNumber().ToString(CultureInfo.InvariantCulture));
        }

        var business = api.Business();
        var recurly = Recurly(api);
        string t1 = Iso(t0.AddHours(1));
        string t2 = Iso(t0.AddHours(2));

        // /api, [from, to): the item at created_from is in, the one at created_to is out.
        Assert.Equal([accounts[1]], Values(await business.GetJson($"/api/accounts?created_from={t1}&created_to={t2}"), "code"));
        Assert.Equal([accounts[1], accounts[2]], Values(await business.GetJson($"/api/accounts?created_from={t1}"), "code").Where(accounts.Contains));
        Assert.Equal([accounts[0]], Values(await business.GetJson($"/api/accounts?created_to={t1}"), "code").Where(accounts.Contains));
        Assert.Equal([invoices[1]], Values(await business.GetJson($"/api/invoices?account_code={payer}&created_from={t1}&created_to={t2}"), "number"));
        Assert.Equal([invoices[0]], Values(await business.GetJson($"/api/invoices?account_code={payer}&created_to={t1}"), "number"));
        Assert.Equal([invoices[1], invoices[2]], Values(await business.GetJson($"/api/invoices?account_code={payer}&created_from={t1}"), "number"));
        foreach (string list in new[] { "/api/accounts?", $"/api/invoices?account_code={payer}&" })
        {
            var empty = await (await business.GetAsync($"{list}created_from={t1}&created_to={t1}")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(empty.GetProperty("errors").TryGetProperty("created_to", out _), empty.ToString());
        }

        // /recurly, [begin, end]: the items at both ends are in, a window of one instant holds that instant's item.
        string owner = $"/recurly/accounts/code-{payer}";
        Assert.Equal([accounts[1], accounts[2]], Values(await recurly.GetJson($"/recurly/accounts?begin_time={t1}&end_time={t2}&order=asc"), "code").Where(accounts.Contains));
        Assert.Equal([accounts[1]], Values(await recurly.GetJson($"/recurly/accounts?begin_time={t1}&end_time={t1}"), "code"));
        Assert.Equal([accounts[0], accounts[1]], Values(await recurly.GetJson($"/recurly/accounts?end_time={t1}&order=asc"), "code").Where(accounts.Contains));
        Assert.Equal([invoices[1], invoices[2]], Values(await recurly.GetJson($"{owner}/invoices?begin_time={t1}&end_time={t2}&order=asc"), "number"));
        Assert.Equal([invoices[1]], Values(await recurly.GetJson($"{owner}/invoices?begin_time={t1}&end_time={t1}"), "number"));
        Assert.Equal([invoices[0], invoices[1]], Values(await recurly.GetJson($"{owner}/invoices?end_time={t1}&order=asc"), "number"));
        Assert.Equal("1", await CountAsync(recurly, $"{owner}/invoices?begin_time={t1}&end_time={t1}"));
        Assert.Equal("2", await CountAsync(recurly, $"{owner}/invoices?begin_time={t1}&end_time={t2}"));
        Assert.Empty(Values(await recurly.GetJson($"{owner}/invoices?begin_time={t2}&end_time={t1}"), "number"));
        Assert.Equal("0", await CountAsync(recurly, $"{owner}/invoices?begin_time={t2}&end_time={t1}"));
    }

    private static List<string> Values(JsonElement page, string field) =>
        [.. page.GetProperty("data").EnumerateArray().Select(item => item.GetProperty(field) is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : item.GetProperty(field).GetString()!)];

    private static async Task<DateTimeOffset> StartClockAsync(BillingApiFactory api)
    {
        var now = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        // Whole hours: PostgreSQL keeps microseconds, so the bounds fall exactly on the items' instants on both engines.
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour + 1), TimeSpan.Zero);
        await SetClockAsync(api, start);
        return start;
    }

    private static Task SetClockAsync(BillingApiFactory api, DateTimeOffset now) => api.Admin().PostJson("/api/test-clock", new { now }).Ok();

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static async Task<string?> CountAsync(HttpClient recurly, string path)
    {
        using var response = await recurly.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {response.StatusCode}");
        return response.Headers.TryGetValues("Recurly-Total-Records", out var total) ? total.Single() : null;
    }

    private static HttpClient Recurly(BillingApiFactory api)
    {
        var recurly = api.CreateClient();
        recurly.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(Key + ":")));
        recurly.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.recurly.v2021-02-25+json");
        return recurly;
    }
}
