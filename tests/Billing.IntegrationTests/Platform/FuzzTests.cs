using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 8: every operation of the OpenAPI document receives at least 1,000 generated malformed requests — broken
/// JSON, wrong JSON kinds and types, missing and unknown fields, huge strings, negative and overflowing amounts,
/// invalid currencies, dates and codes, wrong content types, hostile path and query values. None may answer 5xx,
/// every error must be problem details with a code, and the database must be exactly as before (row counts and a
/// checksum of every table).
/// </summary>
public sealed class FuzzTests
{
    private const int RequestsPerOperation = 1_000;

    /// <summary>Values invalid wherever the field appears in the API, so no generated request can be valid by chance.</summary>
    private static readonly Dictionary<string, string[]> InvalidByField = new()
    {
        ["code"] = ["\"bad code!\"", "\"\"", Quote(new string('C', 51)), "5", "[]"],
        ["id"] = ["\"bad-id!\"", Quote(new string('i', 65)), "{}"],
        ["name"] = ["\"\"", Quote(new string('n', 300)), "42", "[]"],
        ["email"] = ["\"not-an-email\"", "\"\"", "7"],
        ["country"] = ["\"usa\"", "\"U1\"", "\"\"", "1"],
        ["currency"] = ["\"US\"", "\"usd\"", "\"XXX\"", "\"\"", "5"],
        ["amount"] = ["-5", "1e400", "0.0001", "\"ten\"", "-0.01"],
        ["unit_amount"] = ["-5", "1e400", "0.0001", "\"ten\""],
        ["setup_fee"] = ["-1", "1e400", "0.0001", "\"x\""],
        ["price"] = ["-1", "1e400", "0.0001", "\"free\""],
        ["tax_rate"] = ["-1", "101", "1e400", "\"x\""],
        ["percent"] = ["0", "101", "5.5", "-3", "\"10%\""],
        ["quantity"] = ["0", "-1", "100001", "2.5", "\"two\""],
        ["count"] = ["0", "10001", "-5", "\"many\""],
        ["max_redemptions"] = ["0", "-1", "1e400", "\"x\""],
        ["max_redemptions_per_account"] = ["0", "-7", "\"x\""],
        ["redeem_by"] = ["\"31/12/2026\"", "\"yesterday\"", "\"2020-01-01\"", "5"],
        ["now"] = ["\"not a date\"", "\"2026-13-45T99:00:00Z\"", "7", "\"0001-01-01T00:00:00Z\""],
        ["coupon_code"] = ["\"bad code!\"", "\"\"", Quote(new string('x', 51)), "3"],
        ["coupon_codes"] = ["[\"bad code!\"]", "\"SAVE10\"", "[1,2]", "[" + string.Join(',', Enumerable.Repeat("\"A\"", 11)) + "]"],
        ["account_code"] = ["\"\"", Quote(new string('a', 51)), "1"],
        ["plan_code"] = ["\"\"", Quote(new string('p', 51)), "[]"],
        ["subscription_id"] = [Quote(new string('s', 65)), "{}"],
        ["timeframe"] = ["\"soon\"", "\"\"", "1"],
        ["status"] = ["\"maybe\"", "\"\"", "3"],
        ["description"] = [Quote(new string('d', 300)), "{}"],
        ["offering_code"] = [Quote(new string('o', 51)), "[]"],
        ["discount"] = ["{\"type\":\"half\"}", "{\"type\":\"percent\",\"percent\":500}", "\"10%\"", "[]"],
        ["duration"] = ["{\"type\":\"temporal\"}", "{\"type\":\"never\"}", "5"],
        ["applies_to"] = ["{\"all_plans\":false,\"plan_codes\":[]}", "\"all\""],
        ["interval"] = ["{\"length\":0,\"unit\":\"month\"}", "{\"length\":1,\"unit\":\"decade\"}", "\"monthly\""],
        ["currencies"] = ["[]", "[{\"currency\":\"XXX\",\"unit_amount\":1}]", "{}"],
        ["add_ons"] = ["[{\"code\":\"\",\"quantity\":0}]", "\"extra\"", "[1]"],
        ["metadata"] = ["[]", "{\"k\":5}", "\"meta\""],
        ["multiple_coupons_per_account"] = ["\"yes\"", "1", "[]"],
        ["one_time_charges_discountable"] = ["\"no\"", "0", "{}"],
        ["stacking_order"] = ["\"random\"", "1"],
        ["percent_mode"] = ["\"sometimes\"", "[]"],
        ["time_zone"] = ["\"Mars/Olympus\"", "\"\"", "5"],
        ["payment_type"] = ["\"card\"", "\"\"", "9"],
        ["unique_code_template"] = ["\"'OPEN\"", "\"abc\"", "7"],
        ["conversionTypeCode"] = ["\"\"", "5", Quote(new string('t', 60))],
        ["geoLocation"] = ["\"XX1\"", "\"usa\"", "3"],
        ["externalId"] = ["\"a/b\"", Quote(new string('e', 300)), "[]"],
        ["couponCode"] = ["\"bad code!\"", "4"],
        ["cid"] = ["5", "[]"],
        ["customParams"] = ["{\"advS9\":\"x\"}", "\"p\""],
    };

    private static readonly string[] Garbage =
    [
        Quote(new string('Z', 20_000)), "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}", "[[[[]]]]", "-9223372036854775809",
        "1e400", "\"\\u0000\\ud800\"", "\"' OR 1=1 --\"", "\"<script>alert(1)</script>\"", "-0", "[]", "{}",
    ];

    private static readonly string[] BrokenBodies =
    [
        "{", "[", "{\"code\":", "nul", "{\"code\" \"x\"}", "{'code':'x'}", "\u00ff\u00fe\u0000", "{\"a\":1,}", "{\"a\":1}{\"b\":2}",
        "[1,2,3]", "\"just a string\"", "12345", "true", "null", string.Empty, "{\"code\":\"" + new string('x', 5000),
    ];

    private static readonly string[] HostileSegments =
    [
        "x", "nope", "%01", "..%2F..", "%F0%9F%92%A5", "'%20OR%201%3D1", "-1", "99999999999999999999999", "null", "%7Bid%7D",
        new string('L', 3000), "coupon_%22%3E", "a%2Fb",
    ];

    private static readonly string[] ContentTypes = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16"];

    [Fact]
    public async Task A_thousand_malformed_requests_per_operation_never_answer_5xx_always_answer_problem_details_and_change_nothing()
    {
        using var api = new BillingApiFactory();
        var seeded = await SeedAsync(api);
        await api.DeliverEventsAsync();
        string before = Checksum(api);

        var document = await api.Anonymous().GetJson("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Method: o.Name.ToUpperInvariant(), Path: p.Name)))
            .ToList();
        Assert.True(operations.Count >= 35, $"only {operations.Count} operations documented");
        var random = new Random(20261121);
        var failures = new List<string>();
        int sent = 0;

        foreach (var (method, path) in operations)
        {
            var client = api.Admin();
            for (int i = 0; i < RequestsPerOperation; i++)
            {
                using var request = Malformed(random, method, path, seeded);
                string description = $"{method} {request.RequestUri} [{await Describe(request)}]";
                using var response = await client.SendAsync(request);
                sent++;
                string body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} for {description}: {body}");
                }
                else if ((int)response.StatusCode >= 400
                    && (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !body.Contains("\"code\"", StringComparison.Ordinal)))
                {
                    failures.Add($"{(int)response.StatusCode} without problem details for {description}: {body}");
                }

                if (failures.Count > 20)
                {
                    break;
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} bad answers out of {sent}:\n" + string.Join('\n', failures.Take(20)));
        Assert.True(sent >= operations.Count * RequestsPerOperation);
        Assert.Equal(before, Checksum(api));
    }

    private sealed record Seeded(string CouponId, string Account, string SubscriptionId, string InvoiceNumber, string RedemptionId);

    private static async Task<Seeded> SeedAsync(BillingApiFactory api)
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var coupon = await scenario.PercentCoupon($"FUZZ-{scenario.Suffix}", 10);
        await api.Admin().PostJson("/api/tracking/conversion-types", new { code = "couponredeem", name = "Coupon redeem" }).Created();
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { $"FUZZ-{scenario.Suffix}" } }).Created();
        string redemption = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data")[0].GetProperty("id").GetString()!;
        return new Seeded(
            coupon.GetProperty("id").GetString()!,
            account,
            subscription.GetProperty("id").GetString()!,
            subscription.GetProperty("invoice").GetProperty("number").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            redemption);
    }

    /// <summary>
    /// Operations that change state without a body only get path values that name nothing: a real id with an
    /// empty body would be a valid request (expire, restore, cancel, remove, void an invoice, collect it).
    /// </summary>
    private static bool BodilessChange(string method, string path) =>
        method == "DELETE" || Regex.IsMatch(path, "/(expire|restore|cancel|void|collect)$");

    private static HttpRequestMessage Malformed(Random random, string method, string path, Seeded seeded)
    {
        bool realIds = !BodilessChange(method, path) && random.Next(3) > 0;
        string concrete = Regex.Replace(path, "{([^}]+)}", m => realIds ? m.Groups[1].Value switch
        {
            "id" when path.StartsWith("/api/coupons", StringComparison.Ordinal) => seeded.CouponId,
            "id" when path.StartsWith("/api/subscriptions", StringComparison.Ordinal) => seeded.SubscriptionId,
            "code" when path.StartsWith("/api/accounts", StringComparison.Ordinal) => seeded.Account,
            "number" => seeded.InvoiceNumber,
            _ => HostileSegments[random.Next(HostileSegments.Length)],
        } : HostileSegments[random.Next(HostileSegments.Length)]);
        if (random.Next(4) == 0)
        {
            concrete += "?" + string.Join('&', Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                $"{Pick(random, ["state", "q", "limit", "type", "status", "cid", "from", "to", "account_code", "subscription_id", "zzz"])}={Uri.EscapeDataString(Pick(random, ["-1", "0", "abc", "9999999999999", new string('q', 2000), "'; DROP TABLE x;--", "2026-13-01", "%"]))}"));
        }

        var request = new HttpRequestMessage(new HttpMethod(method), concrete);
        if (method is "POST" or "PUT" or "PATCH")
        {
            string body = Body(random);
            string contentType = random.Next(8) == 0 ? Pick(random, ContentTypes) : "application/json";
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }

    private static string Body(Random random)
    {
        switch (random.Next(10))
        {
            case 0 or 1:
                return Pick(random, BrokenBodies);
            case 2:
                return "{" + string.Join(',', RandomFields(random, garbage: true)) + ",\"zzz_unknown_field\":" + Pick(random, Garbage) + "}";
            case 3:
                return "{" + string.Join(',', RandomFields(random, garbage: true)) + "}";
            default:
                return "{" + string.Join(',', RandomFields(random, garbage: false)) + "}";
        }
    }

    private static IEnumerable<string> RandomFields(Random random, bool garbage)
    {
        var fields = InvalidByField.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).ToList();
        return fields.Select(f => $"\"{f}\":{(garbage && random.Next(2) == 0 ? Pick(random, Garbage) : Pick(random, InvalidByField[f]))}");
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static string Quote(string text) => "\"" + text + "\"";

    private static async Task<string> Describe(HttpRequestMessage request) =>
        request.Content is null ? "no body" : Truncate(await request.Content.ReadAsStringAsync());

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>Row counts and a SHA-256 of every row of every table but the migration histories.</summary>
    private static string Checksum(BillingApiFactory api)
    {
        var summary = new StringBuilder();
        foreach (string table in api.Tables())
        {
            var rows = api.RowsOf(table);
            string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))));
            summary.Append(table).Append(' ').Append(rows.Count).Append(' ').AppendLine(hash);
        }

        return summary.ToString();
    }
}
