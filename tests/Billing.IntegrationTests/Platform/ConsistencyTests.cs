using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Billing.TestKit;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 14's consistency items: one list, one status per code, one not-found code per resource, strict input everywhere.</summary>
public sealed partial class ConsistencyTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task AssertFieldNamed(HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors do not name '{field}': {problem}");
        Assert.DoesNotContain("parameter \"", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Implicit body", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("ZZ")]
    [InlineData("EU")]
    [InlineData("us")]
    public async Task An_account_country_outside_the_ISO_3166_list_tracking_checks_is_refused_S2_T2(string country)
    {
        string code = new Scenario(api).Code("acct");

        var response = await api.Business().PostJson("/api/accounts", new { code, email = "a@b.co", country });

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("country", out _));
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM subscriptions_accounts WHERE Code = '{code}'"));
    }

    [Fact]
    public async Task An_account_in_an_assigned_country_is_created_S2() =>
        await api.Business().PostJson("/api/accounts", new { code = new Scenario(api).Code("acct"), email = "a@b.co", country = "AX" }).Created();

    [Fact]
    public async Task Cancelling_a_cancelled_subscription_and_redeeming_on_it_answer_subscription_not_active_with_one_status()
    {
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        await api.Admin().PostJson("/api/coupons", new { code = scenario.Code("OFF"), name = "Ten", discount = new { type = "percent", percent = 10 }, redemption_resource = "subscription" }).Created();
        string id = (await api.Business().PostJson("/api/subscriptions", new { account_code = scenario.Code("acct"), plan_code = scenario.Code("plan"), currency = "USD" }).Created())
            .GetProperty("id").GetString()!;
        await api.Business().PostJson($"/api/subscriptions/{id}/cancel", new { timeframe = "now" }).Ok();

        var cancelAgain = await api.Business().PostJson($"/api/subscriptions/{id}/cancel", new { timeframe = "now" });
        var redeem = await api.Business().PostJson($"/api/accounts/{scenario.Code("acct")}/redemptions", new { coupon_code = scenario.Code("OFF"), currency = "USD", subscription_id = id });
        var change = await api.Business().PutJson($"/api/subscriptions/{id}", new { quantity = 2, timeframe = "now" });

        await cancelAgain.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_not_active");
        await redeem.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_not_active");
        await change.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_not_active");
    }

    /// <summary>Every error code the modules and the host raise is raised with one kind, so it answers one HTTP status.</summary>
    [Fact]
    public void Every_error_code_in_the_source_is_raised_with_one_kind_only()
    {
        string root = SourceTree.Root;

        var kinds = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ErrorCall().Matches(File.ReadAllText(f)))
            .GroupBy(m => m.Groups["code"].Value, m => m.Groups["kind"].Value)
            .ToDictionary(g => g.Key, g => g.Distinct().Order(StringComparer.Ordinal).ToList());

        Assert.True(kinds.Count > 40, $"only {kinds.Count} codes found: the scan is broken");
        Assert.Contains("subscription_not_active", kinds.Keys);
        var mixed = kinds.Where(k => k.Value.Count > 1).Select(k => $"{k.Key}: {string.Join(", ", k.Value)}").ToList();
        Assert.True(mixed.Count == 0, "codes raised with several kinds: " + string.Join("; ", mixed));
    }

    [Theory]
    [InlineData("POST", "/api/coupons", "")]
    [InlineData("POST", "/api/coupons", "null")]
    [InlineData("POST", "/api/accounts", "")]
    [InlineData("POST", "/api/accounts", "null")]
    [InlineData("PUT", "/api/settings/coupons", "null")]
    [InlineData("POST", "/api/tracking/conversions", "")]
    [InlineData("POST", "/api/tracking/conversions", "null")]
    [InlineData("POST", "/api/test-clock", "null")]
    public async Task An_empty_or_null_body_answers_validation_failed_naming_the_body(string method, string path, string body)
    {
        var response = await api.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) });

        await AssertFieldNamed(response, "body");
    }

    [Theory]
    [InlineData("limit=99999999999", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=5&limit=6", "limit")]
    [InlineData("state=redeemable&colour=red", "colour")]
    [InlineData("id=1", "id")]
    public async Task A_query_value_that_cannot_bind_or_is_not_a_parameter_answers_validation_failed_naming_it(string query, string field)
    {
        string coupon = (await api.Admin().PostJson("/api/coupons", new
        {
            code = new Scenario(api).Code("BULK"),
            name = "Bulk",
            discount = new { type = "percent", percent = 5 },
            coupon_type = "bulk",
            unique_code_template = "'Q'99999",
        }).Created()).GetProperty("id").GetString()!;

        await AssertFieldNamed(await api.Business().GetAsync($"/api/coupons/{coupon}/codes?{query}"), field);
    }

    [Theory]
    [InlineData("/api/invoices?sort=number", "sort")]
    [InlineData("/api/coupons?status=expired", "status")]
    [InlineData("/api/plans?page=2", "page")]
    [InlineData("/api/tracking/conversions?cid=x&sort=asc", "sort")]
    [InlineData("/api/tracking/report?since=2026-01-01", "since")]
    [InlineData("/api/settings/coupons?x=1", "x")]
    public async Task An_unknown_query_parameter_is_refused_on_a_read(string url, string field) =>
        await AssertFieldNamed(await api.Business().GetAsync(url), field);

    [Fact]
    public async Task An_unknown_query_parameter_is_refused_on_a_change_and_changes_nothing()
    {
        string code = new Scenario(api).Code("acct");

        var response = await api.Business().PostJson($"/api/accounts?dry_run=true", new { code, email = "a@b.co", country = "US" });

        await AssertFieldNamed(response, "dry_run");
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM subscriptions_accounts WHERE Code = '{code}'"));
    }

    [Fact]
    public async Task Every_documented_operation_refuses_an_unknown_query_parameter()
    {
        var document = await api.Anonymous().GetJson("/openapi/v1.json");
        var failures = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                string url = Regex.Replace(path.Name, "{[^}]+}", "x") + "?zzz_unknown=1";
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
                if (operation.Value.TryGetProperty("requestBody", out _))
                {
                    request.Content = Json("{}");
                }

                using var response = await api.Admin().SendAsync(request);
                string body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("\"zzz_unknown\"", StringComparison.Ordinal))
                {
                    failures.Add($"{operation.Name.ToUpperInvariant()} {url}: {(int)response.StatusCode} {body}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("POST", "/api/accounts", """{"code":"dup-a","code":"dup-b","email":"a@b.co","country":"US"}""")]
    [InlineData("POST", "/api/coupons", """{"code":"DUP1","name":"n","discount":{"type":"percent","percent":10,"percent":90}}""")]
    [InlineData("POST", "/api/coupons", """{"code":"DUP2","name":"n","discount":{"type":"percent","percent":10},"metadata":{"k":"a","k":"b"}}""")]
    [InlineData("POST", "/api/tracking/conversions", """{"conversionTypeCode":"sale","conversionTypeCode":"couponredeem"}""")]
    public async Task A_body_with_a_duplicate_key_is_refused_and_stores_nothing(string method, string path, string body)
    {
        long accounts = api.Scalar("SELECT COUNT(*) FROM subscriptions_accounts");
        long coupons = api.Scalar("SELECT COUNT(*) FROM coupons_coupons");

        var response = await api.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) });

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_json");
        Assert.Contains("more than once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(accounts, api.Scalar("SELECT COUNT(*) FROM subscriptions_accounts"));
        Assert.Equal(coupons, api.Scalar("SELECT COUNT(*) FROM coupons_coupons"));
    }

    [Fact]
    public async Task A_duplicate_key_in_a_coupon_edit_is_refused_C11()
    {
        var scenario = new Scenario(api);
        string id = (await scenario.PercentCoupon(scenario.Code("EDIT"), 10)).GetProperty("id").GetString()!;

        var response = await api.Admin().PatchAsync($"/api/coupons/{id}", Json("""{"name":"first","name":"second"}"""));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_json");
        Assert.Equal("10% off", (await api.Business().GetJson($"/api/coupons/{id}")).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/api/invoices/abc")]
    [InlineData("/api/invoices/99999999999999999999")]
    [InlineData("/api/invoices/-1")]
    [InlineData("/api/invoices/0")]
    [InlineData("/api/invoices/1e3")]
    [InlineData("/api/invoices/abc/text")]
    [InlineData("/api/invoices/99999999999999999999/text")]
    [InlineData("/api/invoices/-1/text")]
    public async Task Any_invoice_number_that_names_no_invoice_answers_invoice_not_found(string url) =>
        await (await api.Business().GetAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound, "invoice_not_found");

    [Theory]
    [InlineData("/api/coupons/{0}", "coupon_not_found")]
    [InlineData("/api/coupons/{0}/redemptions", "coupon_not_found")]
    [InlineData("/api/coupons/{0}/codes", "coupon_not_found")]
    [InlineData("/api/accounts/{0}", "account_not_found")]
    [InlineData("/api/accounts/{0}/redemptions", "account_not_found")]
    [InlineData("/api/plans/{0}", "plan_not_found")]
    [InlineData("/api/subscriptions/{0}", "subscription_not_found")]
    public async Task An_unknown_resource_in_any_form_answers_its_own_not_found_code(string template, string code)
    {
        foreach (string id in new[] { "abc", "99999999999999999999", "-1", "%F0%9F%92%A5" })
        {
            await (await api.Business().GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, id))).ShouldBeProblem(HttpStatusCode.NotFound, code);
        }
    }

    [Fact]
    public async Task A_filter_naming_an_unknown_account_or_subscription_answers_its_not_found_code()
    {
        await (await api.Business().GetAsync("/api/invoices?account_code=nobody")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
        await (await api.Business().GetAsync("/api/invoices?subscription_id=sub_nobody")).ShouldBeProblem(HttpStatusCode.NotFound, "subscription_not_found");
    }

    [Fact]
    public async Task A_filter_naming_a_known_account_without_invoices_answers_an_empty_list()
    {
        var account = await new Scenario(api).Account();

        Assert.Empty((await api.Business().GetJson($"/api/invoices?account_code={account.GetProperty("code").GetString()}")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task The_openapi_document_has_no_internal_request_field()
    {
        var document = await api.Anonymous().GetJson("/openapi/v1.json");

        var properties = document.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(s => s.Value.TryGetProperty("properties", out _))
            .SelectMany(s => s.Value.GetProperty("properties").EnumerateObject().Select(p => $"{s.Name}.{p.Name}"))
            .ToList();
        Assert.Contains(properties, p => p.EndsWith(".discount_code_name", StringComparison.Ordinal));
        Assert.DoesNotContain(properties, p => p.EndsWith(".overrides_price", StringComparison.Ordinal));
    }

    /// <summary>
    /// A request body type's public property that a client cannot set (no setter, no constructor parameter) is
    /// computed: the OpenAPI document would show it and the JSON reader would silently ignore it when sent.
    /// </summary>
    [Fact]
    public void No_request_body_type_has_a_property_a_client_cannot_set()
    {
        var bodies = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.OfType<IAcceptsMetadata>())
            .Select(a => a.RequestType)
            .OfType<Type>()
            .Distinct()
            .ToList();

        var computed = bodies.SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is null && !type.GetConstructors().Any(c => c.GetParameters().Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
                .Select(p => $"{type.Name}.{p.Name}"))
            .ToList();
        Assert.True(bodies.Count >= 15, $"only {bodies.Count} request body types found");
        Assert.True(computed.Count == 0, "computed properties on request bodies: " + string.Join(", ", computed));
    }

    [Fact]
    public async Task Sending_overrides_price_is_refused_as_an_unknown_field_S4()
    {
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        long subscriptions = api.Scalar("SELECT COUNT(*) FROM subscriptions_subscriptions");

        var response = await api.Admin().PostJson("/api/subscriptions", new { account_code = scenario.Code("acct"), plan_code = scenario.Code("plan"), currency = "USD", overrides_price = true });

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_json");
        Assert.Contains("overrides_price", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(subscriptions, api.Scalar("SELECT COUNT(*) FROM subscriptions_subscriptions"));
    }

    [Theory]
    [InlineData("10", "10")]
    [InlineData("10.0", "10")]
    [InlineData("8.25", "8.25")]
    [InlineData("0", "0")]
    public async Task An_account_s_tax_rate_reads_back_the_same_on_create_and_on_get_S2(string sent, string shown)
    {
        string code = new Scenario(api).Code("acct");

        var created = await api.Business().PostAsync("/api/accounts", Json($$"""{"code":"{{code}}","email":"a@b.co","country":"US","tax_rate":{{sent}}}"""));
        string read = await (await api.Business().GetAsync($"/api/accounts/{code}")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains($"\"tax_rate\":{shown},", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"\"tax_rate\":{shown},", read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoice_shows_the_account_s_tax_rate_as_it_was_sent_I4()
    {
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"), taxRate: 10m);
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = scenario.Code("acct"), plan_code = scenario.Code("plan"), currency = "USD" }).Created();

        var text = await api.Business().GetAsync($"/api/invoices/{subscription.GetProperty("invoice").GetProperty("number").GetInt64()}/text");

        string rendered = await text.Content.ReadAsStringAsync();
        Assert.True(rendered.Contains("  tax 10%", StringComparison.Ordinal) && !rendered.Contains("10.0%", StringComparison.Ordinal), rendered);
    }

    [Fact]
    public async Task A_conversion_s_status_change_answers_the_same_shape_as_the_post_that_recorded_it_T5()
    {
        string cid = await api.RedeemCid("SAVE10");
        string externalId = $"ch_{Guid.NewGuid():N}";
        var posted = await api.Business().PostConversion(new { cid, conversionTypeCode = "sale", amount = new { value = "100.5" }, externalId }).Created();

        var patched = await api.Business().PatchAsync($"/api/tracking/conversions/{externalId}", Json("""{"status":"refunded"}""")).Ok();

        Assert.Equal(Names(posted), Names(patched));
        Assert.Equal("100.5", patched.GetProperty("amount").GetProperty("value").GetString());
        Assert.Equal("CONVERSION_STATUS_REFUNDED", patched.GetProperty("status").GetString());
        Assert.Equal(posted.GetProperty("id").GetString(), patched.GetProperty("id").GetString());

        static List<string> Names(JsonElement conversion) => conversion.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("""Error\.(?<kind>Rule|Conflict|NotFound|Validation|Forbidden)\(\s*"(?<code>[a-z_]+)"\s*,""")]
    private static partial Regex ErrorCall();
}
