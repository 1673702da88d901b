using System.Net;
using System.Text;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>API.md errors: problem details with a stable code; bad input changes nothing and is never a 500.</summary>
public sealed class ErrorMappingTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private static StringContent Raw(string body, string contentType = "application/json") => new(body, Encoding.UTF8, contentType);

    private async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Body();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401() =>
        await AssertProblem(await api.Anonymous().GetAsync("/api/coupons"), HttpStatusCode.Unauthorized, "unauthorized");

    [Fact]
    public async Task A_wrong_token_is_refused_with_401()
    {
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        await AssertProblem(await client.GetAsync("/api/coupons"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_business_token_on_an_admin_operation_is_refused_with_403() =>
        await AssertProblem(await api.Business().PostAsync("/api/coupons", Raw("{}")), HttpStatusCode.Forbidden, "forbidden");

    [Fact]
    public async Task Invalid_fields_answer_400_with_errors_per_field_and_store_nothing()
    {
        long before = api.Scalar("SELECT COUNT(*) FROM coupons_coupons");

        var response = await api.Admin().PostAsync("/api/coupons", Raw("""{"code":"bad code!","name":"","discount":{"type":"percent","percent":101}}"""));

        await AssertProblem(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = (await response.Body()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("code", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("discount.percent", out _));
        Assert.Equal(before, api.Scalar("SELECT COUNT(*) FROM coupons_coupons"));
    }

    [Theory]
    [InlineData("{\"code\":")]
    [InlineData("{\"code\":\"X1\",\"name\":\"n\",\"discount\":{\"type\":\"percent\",\"percent\":\"ten\"}}")]
    [InlineData("{\"code\":\"X1\",\"name\":\"n\",\"discount\":{\"type\":\"percent\",\"percent\":10},\"unknown_field\":1}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"code\":\"X1\",\"name\":\"n\",\"discount\":{\"type\":\"percent\",\"percent\":1e400}}")]
    public async Task Malformed_json_answers_400_invalid_json_and_stores_nothing(string body)
    {
        long before = api.Scalar("SELECT COUNT(*) FROM coupons_coupons");

        await AssertProblem(await api.Admin().PostAsync("/api/coupons", Raw(body)), HttpStatusCode.BadRequest, "invalid_json");

        Assert.Equal(before, api.Scalar("SELECT COUNT(*) FROM coupons_coupons"));
    }

    [Fact]
    public async Task A_wrong_content_type_answers_415_with_problem_details() =>
        await AssertProblem(await api.Admin().PostAsync("/api/coupons", Raw("code=X", "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

    [Fact]
    public async Task An_unknown_coupon_answers_404_coupon_not_found() =>
        await AssertProblem(await api.Admin().GetAsync("/api/coupons/coupon_nope"), HttpStatusCode.NotFound, "coupon_not_found");

    [Fact]
    public async Task An_unknown_route_answers_404_with_problem_details() =>
        await AssertProblem(await api.Admin().GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not_found");

    [Fact]
    public async Task A_taken_code_answers_409_code_taken_case_insensitively_C1()
    {
        var scenario = new Scenario(api);
        await scenario.PercentCoupon($"TAKEN-{scenario.Suffix}", 5);

        var response = await api.Admin().PostJson("/api/coupons", new { code = $"taken-{scenario.Suffix}", name = "again", discount = new { type = "percent", percent = 5 } });

        await AssertProblem(response, HttpStatusCode.Conflict, "code_taken");
    }

    [Fact]
    public async Task A_refused_redemption_answers_422_with_its_own_code_and_redeems_nothing_R1()
    {
        var scenario = new Scenario(api);
        var account = await scenario.Account();
        string code = $"EURONLY-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new
        {
            code,
            name = "Five euros",
            discount = new { type = "fixed", amounts = new[] { new { currency = "EUR", amount = 5.00m } } },
        }).Created();

        var response = await api.Business().PostJson($"/api/accounts/{account.GetProperty("code").GetString()}/redemptions", new { coupon_code = code, currency = "USD" });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "currency_not_supported");
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE Code = '{code}'"));
        Assert.Equal(0, api.Scalar($"SELECT TimesRedeemed FROM coupons_coupons WHERE Code = '{code}'"));
    }

    [Fact]
    public async Task A_signup_whose_coupon_is_refused_leaves_no_subscription_no_invoice_and_no_redemption_R6()
    {
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        string good = $"GOOD-{scenario.Suffix}";
        await scenario.PercentCoupon(good, 10);
        long subscriptions = api.Scalar("SELECT COUNT(*) FROM subscriptions_subscriptions");
        long invoices = api.Scalar("SELECT COUNT(*) FROM invoicing_invoices");

        var response = await api.Business().PostJson("/api/subscriptions", new
        {
            account_code = scenario.Code("acct"),
            plan_code = scenario.Code("plan"),
            currency = "USD",
            coupon_codes = new[] { good, $"MISSING-{scenario.Suffix}" },
        });

        await AssertProblem(response, HttpStatusCode.NotFound, "coupon_not_found");
        Assert.Equal(subscriptions, api.Scalar("SELECT COUNT(*) FROM subscriptions_subscriptions"));
        Assert.Equal(invoices, api.Scalar("SELECT COUNT(*) FROM invoicing_invoices"));
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE Code = '{good}'"));
        Assert.Equal(0, api.Scalar($"SELECT TimesRedeemed FROM coupons_coupons WHERE Code = '{good}'"));
    }
}
