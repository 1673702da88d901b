using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 20: an account's redemptions and invoices in a creation window (Recurly's <c>begin_time</c>/<c>end_time</c> on
/// <c>/accounts/{id}/coupon_redemptions</c> and <c>/accounts/{id}/invoices</c>, /api's <c>account_code</c> with
/// <c>created_from</c>/<c>created_to</c>) seek the account's window on an (account, created_at, order key) index, for
/// the first page and for the count alike. The SQL each request really runs (the host's EF Core command log) is
/// explained by SQLite: without the index it walks all of the account's rows on (account, order key) and reads each
/// row to test its time.
/// </summary>
public sealed class AccountWindowIndexTests
{
    private const string Key = "account-window-admin-key";

    private const string RedemptionWindowIndex = "IX_coupons_redemptions_AccountCode_CreatedAt_Sequence";

    private const string InvoiceWindowIndex = "IX_invoicing_invoices_AccountCode_CreatedAt_Number";

    [SqliteOnlyFact("EXPLAIN QUERY PLAN is SQLite's; the index itself is checked on both engines by the migrate-from-empty test")]
    public async Task An_accounts_redemptions_and_invoices_in_a_creation_window_seek_the_window_index()
    {
        using var api = new BillingApiFactory();
        api.Settings["Recurly:ApiKeys:Admin:0"] = Key;
        var log = new SqlCommandLog();
        using var logged = log.Attach(api);
        var scenario = new Scenario(api);
        string account = scenario.Code("acct");
        string plan = scenario.Code("plan");
        var admin = Bearer(logged, BillingApiFactory.AdminToken);
        var business = Bearer(logged, BillingApiFactory.BusinessToken);
        await business.PostJson("/api/accounts", new { code = account, email = "billing@example.test", country = "US", tax_rate = 0m }).Created();
        await admin.PostJson("/api/plans", new
        {
            code = plan,
            name = "Plan",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 15.00m } },
        }).Created();
        await admin.PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        for (int i = 0; i < 3; i++)
        {
            string code = $"AWI{i}-{scenario.Suffix}";
            await admin.PostJson("/api/coupons", new { code, name = "5% off", discount = new { type = "percent", percent = 5 } }).Created();
            await business.PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" }).Created();
            await business.PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();
        }

        var recurly = Recurly(logged);
        string begin = Iso(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        string end = Iso(new DateTimeOffset(2199, 1, 1, 0, 0, 0, TimeSpan.Zero));
        string window = $"begin_time={begin}&end_time={end}";
        string owner = $"/recurly/accounts/code-{account}";

        await SeeksAsync(api, log, "coupons_redemptions", RedemptionWindowIndex, () => recurly.GetAsync($"{owner}/coupon_redemptions?{window}"));
        await SeeksAsync(api, log, "coupons_redemptions", RedemptionWindowIndex, () => recurly.GetAsync($"{owner}/coupon_redemptions?state=active&{window}&order=asc"));
        await SeeksAsync(api, log, "coupons_redemptions", RedemptionWindowIndex, () => Head(recurly, $"{owner}/coupon_redemptions?{window}"));
        await SeeksAsync(api, log, "invoicing_invoices", InvoiceWindowIndex, () => recurly.GetAsync($"{owner}/invoices?{window}"));
        await SeeksAsync(api, log, "invoicing_invoices", InvoiceWindowIndex, () => Head(recurly, $"{owner}/invoices?begin_time={begin}"));
        await SeeksAsync(api, log, "invoicing_invoices", InvoiceWindowIndex, () => business.GetAsync($"/api/invoices?account_code={account}&created_from={begin}&created_to={end}"));
    }

    /// <summary>
    /// Runs <paramref name="request"/>, which must succeed, and explains every command it ran on <paramref name="table"/>
    /// with a creation bound (one at least): each seeks <paramref name="index"/>.
    /// </summary>
    private static async Task SeeksAsync(BillingApiFactory api, SqlCommandLog log, string table, string index, Func<Task<HttpResponseMessage>> request)
    {
        log.Clear();
        using (var response = await request())
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var windowed = log.On($"\"{table}\"").Select(SqlCommandLog.Sql).Where(sql => sql.Contains("\"CreatedAt\" >=", StringComparison.Ordinal) || sql.Contains("\"CreatedAt\" <", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(windowed);
        foreach (string sql in windowed)
        {
            string plan = string.Join("\n", Explain(api, sql));
            Assert.True(plan.Contains($"INDEX {index} (", StringComparison.Ordinal), $"{sql}\n=> {plan}");
        }
    }

    /// <summary>SQLite's plan of <paramref name="sql"/>, its parameters unbound (SQLite plans without their values).</summary>
    private static List<string> Explain(BillingApiFactory api, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={api.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var details = new List<string>();
        while (reader.Read())
        {
            details.Add(reader.GetString(3));
        }

        return details;
    }

    private static Task<HttpResponseMessage> Head(HttpClient client, string path) => client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static HttpClient Bearer(WebApplicationFactory<Program> host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static HttpClient Recurly(WebApplicationFactory<Program> host)
    {
        var recurly = host.CreateClient();
        recurly.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(Key + ":")));
        recurly.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.recurly.v2021-02-25+json");
        return recurly;
    }
}
