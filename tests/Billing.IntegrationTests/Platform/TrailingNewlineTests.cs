using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 25, item 7: validators match whole strings, so a value with a trailing newline (<c>"acme\n"</c>,
/// <c>"US\n"</c>) is refused with 400 and nothing is stored. Each row is a valid request body in which one string
/// field gets a trailing <c>\n</c>; placeholders name resources each row creates first.
/// </summary>
public sealed class TrailingNewlineTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private const string Account = """{"code":"new-{s}","email":"billing@example.test","country":"US","tax_rate":0}""";
    private const string Plan = """{"code":"plan-{s}","name":"Plan","interval":{"length":1,"unit":"month"},"trial":{"length":7,"unit":"day"},"currencies":[{"currency":"USD","unit_amount":15,"setup_fee":0}],"add_ons":[{"code":"extra","name":"Extra","currencies":[{"currency":"USD","unit_amount":7}]}]}""";
    private const string Coupon = """{"code":"NEW-{s}","id":"id_{s}","name":"Ten","discount":{"type":"percent","percent":10},"duration":{"type":"temporal","amount":3,"unit":"month"},"redeem_by":"2199-01-01T00:00:00Z","applies_to":{"all_plans":false,"plan_codes":["{plan}"]},"redemption_resource":"account","coupon_type":"single_code","invoice_description":"Ten off","hosted_page_description":"Ten off"}""";
    private const string FixedCoupon = """{"code":"FIX-{s}","name":"Five","discount":{"type":"fixed","amounts":[{"currency":"USD","amount":5}]},"duration":{"type":"forever"}}""";
    private const string Signup = """{"account_code":"{account}","plan_code":"{plan}","currency":"USD","add_ons":[{"code":"extra","quantity":1}],"coupon_codes":["{coupon}"]}""";
    private const string Redeemed = """{"couponCode":"{coupon}","status":"CONVERSION_STATUS_APPROVED","conversionTypeCode":"couponredeem","geoLocation":"US","externalId":"ext-{s}","customerId":"cust-{s}","customParams":{"advS1":"a","advS5":"e"}}""";
    private const string Sale = """{"cid":"{cid}","status":"CONVERSION_STATUS_APPROVED","conversionTypeCode":"sale","geoLocation":"US","amount":{"value":"10.5"},"externalId":"sale2-{s}"}""";

    public static TheoryData<string, string, string, string> Rows => new()
    {
        { "POST", "/api/accounts", Account, "code" },
        { "POST", "/api/accounts", Account, "email" },
        { "POST", "/api/accounts", Account, "country" },
        { "POST", "/api/plans", Plan, "code" },
        { "POST", "/api/plans", Plan, "name" },
        { "POST", "/api/plans", Plan, "add_ons/0/name" },
        { "POST", "/api/plans", Plan, "interval/unit" },
        { "POST", "/api/plans", Plan, "trial/unit" },
        { "POST", "/api/plans", Plan, "currencies/0/currency" },
        { "POST", "/api/plans", Plan, "add_ons/0/code" },
        { "POST", "/api/plans", Plan, "add_ons/0/currencies/0/currency" },
        { "POST", "/api/coupons", Coupon, "code" },
        { "POST", "/api/coupons", Coupon, "id" },
        { "POST", "/api/coupons", Coupon, "name" },
        { "POST", "/api/coupons", Coupon, "invoice_description" },
        { "POST", "/api/coupons", Coupon, "hosted_page_description" },
        { "PATCH", "/api/coupons/{coupon_id}", """{"name":"Renamed","invoice_description":"Ten","hosted_page_description":"Ten"}""", "name" },
        { "PATCH", "/api/coupons/{coupon_id}", """{"name":"Renamed","invoice_description":"Ten","hosted_page_description":"Ten"}""", "invoice_description" },
        { "PATCH", "/api/coupons/{coupon_id}", """{"name":"Renamed","invoice_description":"Ten","hosted_page_description":"Ten"}""", "hosted_page_description" },
        { "POST", "/api/coupons", Coupon, "discount/type" },
        { "POST", "/api/coupons", Coupon, "duration/type" },
        { "POST", "/api/coupons", Coupon, "duration/unit" },
        { "POST", "/api/coupons", Coupon, "redeem_by" },
        { "POST", "/api/coupons", Coupon, "applies_to/plan_codes/0" },
        { "POST", "/api/coupons", Coupon, "redemption_resource" },
        { "POST", "/api/coupons", Coupon, "coupon_type" },
        { "POST", "/api/coupons", FixedCoupon, "discount/amounts/0/currency" },
        { "POST", "/api/accounts/{account}/redemptions", """{"coupon_code":"{coupon}","currency":"USD"}""", "coupon_code" },
        { "POST", "/api/accounts/{account}/redemptions", """{"coupon_code":"{coupon}","currency":"USD"}""", "currency" },
        { "POST", "/api/accounts/{account}/redemptions", """{"coupon_code":"{coupon}","currency":"USD","subscription_id":"{subscription}"}""", "subscription_id" },
        { "POST", "/api/subscriptions", Signup, "account_code" },
        { "POST", "/api/subscriptions", Signup, "plan_code" },
        { "POST", "/api/subscriptions", Signup, "currency" },
        { "POST", "/api/subscriptions", Signup, "add_ons/0/code" },
        { "POST", "/api/subscriptions", Signup, "coupon_codes/0" },
        { "PUT", "/api/subscriptions/{subscription}", """{"plan_code":"{plan}","timeframe":"renewal","coupon_code":"{coupon}"}""", "plan_code" },
        { "PUT", "/api/subscriptions/{subscription}", """{"plan_code":"{plan}","timeframe":"renewal","coupon_code":"{coupon}"}""", "timeframe" },
        { "PUT", "/api/subscriptions/{subscription}", """{"plan_code":"{plan}","timeframe":"renewal","coupon_code":"{coupon}"}""", "coupon_code" },
        { "POST", "/api/subscriptions/{subscription}/cancel", """{"timeframe":"period_end"}""", "timeframe" },
        { "POST", "/api/accounts/{account}/charges", """{"description":"Setup","currency":"USD","amount":10}""", "currency" },
        { "POST", "/api/accounts/{account}/charges", """{"description":"Setup","currency":"USD","amount":10}""", "description" },
        { "POST", "/api/packages", """{"code":"sms-{s}","name":"100 SMS","currencies":[{"currency":"USD","unit_amount":5}]}""", "code" },
        { "POST", "/api/packages", """{"code":"sms-{s}","name":"100 SMS","currencies":[{"currency":"USD","unit_amount":5}]}""", "name" },
        { "POST", "/api/packages", """{"code":"sms-{s}","name":"100 SMS","currencies":[{"currency":"USD","unit_amount":5}]}""", "currencies/0/currency" },
        { "POST", "/api/accounts/{account}/charges", """{"currency":"USD","offering_code":"{package}"}""", "offering_code" },
        { "POST", "/api/subscriptions", """{"account_code":"{account}","plan_code":"{plan}","currency":"USD","price":5,"payment_type":"external","charged_by":"partner","discount_code_name":"P"}""", "charged_by" },
        { "POST", "/api/subscriptions", """{"account_code":"{account}","plan_code":"{plan}","currency":"USD","price":5,"payment_type":"external","charged_by":"partner","discount_code_name":"P"}""", "discount_code_name" },
        { "POST", "/api/subscriptions", """{"account_code":"{account}","plan_code":"{plan}","currency":"USD","price":5,"payment_type":"external","charged_by":"partner","discount_code_name":"P"}""", "payment_type" },
        { "POST", "/api/invoices/preview", """{"plan_code":"{plan}","currency":"USD","coupon_code":"{coupon}","account_code":"{account}"}""", "plan_code" },
        { "POST", "/api/invoices/preview", """{"plan_code":"{plan}","currency":"USD","coupon_code":"{coupon}","account_code":"{account}"}""", "currency" },
        { "POST", "/api/invoices/preview", """{"plan_code":"{plan}","currency":"USD","coupon_code":"{coupon}","account_code":"{account}"}""", "coupon_code" },
        { "POST", "/api/invoices/preview", """{"plan_code":"{plan}","currency":"USD","coupon_code":"{coupon}","account_code":"{account}"}""", "account_code" },
        { "POST", "/api/invoices/preview", """{"subscription_id":"{subscription}"}""", "subscription_id" },
        { "PUT", "/api/settings/coupons", """{"stacking_order":"percent_first"}""", "stacking_order" },
        { "POST", "/api/tracking/conversion-types", """{"code":"type_{s}","name":"Type"}""", "code" },
        { "POST", "/api/tracking/conversion-types", """{"code":"type_{s}","name":"Type"}""", "name" },
        { "POST", "/api/tracking/revenue-origins", """{"id":"origin-{s}","name":"Origin"}""", "id" },
        { "POST", "/api/tracking/revenue-origins", """{"id":"origin-{s}","name":"Origin"}""", "name" },
        { "POST", "/api/tracking/conversions", Redeemed, "couponCode" },
        { "POST", "/api/tracking/conversions", Redeemed, "status" },
        { "POST", "/api/tracking/conversions", Redeemed, "conversionTypeCode" },
        { "POST", "/api/tracking/conversions", Redeemed, "geoLocation" },
        { "POST", "/api/tracking/conversions", Redeemed, "externalId" },
        { "POST", "/api/tracking/conversions", Redeemed, "customerId" },
        { "POST", "/api/tracking/conversions", Redeemed, "customParams/advS1" },
        { "POST", "/api/tracking/conversions", Redeemed, "customParams/advS5" },
        { "POST", "/api/tracking/conversions", Sale, "cid" },
        { "POST", "/api/tracking/conversions", Sale, "amount/value" },
        { "PATCH", "/api/tracking/conversions/sale-{s}?type=sale", """{"status":"rejected"}""", "status" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_string_field_with_a_trailing_newline_is_refused_with_400(string method, string url, string template, string field)
    {
        var scenario = new Scenario(api);
        var values = await ResourcesAsync(scenario);
        string Fill(string text) => values.Aggregate(text, (filled, value) => filled.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));
        var body = JsonNode.Parse(Fill(template))!;
        string[] path = field.Split('/');
        var parent = path[..^1].Aggregate(body, (node, step) => int.TryParse(step, out int index) ? node[index]! : node[step]!);
        string last = path[^1];
        if (int.TryParse(last, out int at))
        {
            parent[at] = parent[at]!.GetValue<string>() + "\n";
        }
        else
        {
            parent[last] = parent[last]!.GetValue<string>() + "\n";
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(url)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        var response = await api.Admin().SendAsync(request);

        string answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} with {field} ending in \\n answered {(int)response.StatusCode}: {answer}");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task The_same_body_without_the_newline_is_not_refused_as_invalid(string method, string url, string template, string field)
    {
        var scenario = new Scenario(api);
        var values = await ResourcesAsync(scenario);
        string Fill(string text) => values.Aggregate(text, (filled, value) => filled.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(url)) { Content = new StringContent(Fill(template), Encoding.UTF8, "application/json") };
        var response = await api.Admin().SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{method} {url} (the row of {field}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>An account, a plan, a coupon for it and a subscription to it, and the couponredeem and sale types.</summary>
    private async Task<Dictionary<string, string>> ResourcesAsync(Scenario scenario)
    {
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        string coupon = $"TEN-{scenario.Suffix}";
        string package = $"pkg-{scenario.Suffix}";
        await api.Admin().PostJson("/api/packages", new { code = package, name = "10 SMS", currencies = new[] { new { currency = "USD", unit_amount = 5m } } }).Created();
        string couponId = (await scenario.PercentCoupon(coupon, 10)).GetProperty("id").GetString()!;
        string subscription = (await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created()).GetProperty("id").GetString()!;
        await api.CouponRedeemTypeExists();
        var sale = await api.Admin().PostJson("/api/tracking/conversion-types", new { code = "sale", name = "Sale" });
        Assert.True(sale.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"sale type: {(int)sale.StatusCode}");
        string cid = await api.RedeemCid(coupon);
        await api.Business().PostConversion(new { cid, status = "CONVERSION_STATUS_APPROVED", conversionTypeCode = "sale", geoLocation = "US", amount = new { value = "1" }, externalId = $"sale-{scenario.Suffix}" }).Created();
        return new()
        {
            ["s"] = scenario.Suffix,
            ["account"] = account,
            ["plan"] = plan,
            ["coupon"] = coupon,
            ["coupon_id"] = couponId,
            ["package"] = package,
            ["subscription"] = subscription,
            ["cid"] = cid,
        };
    }
}
