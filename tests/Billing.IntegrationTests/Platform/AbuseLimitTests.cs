using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 8: code-guessing limits, request limits and secrets.</summary>
public sealed class AbuseLimitTests
{
    [Fact]
    public async Task Twenty_unknown_codes_a_minute_then_429_with_retry_after_while_valid_codes_do_not_count()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Limits:CouponGuessesPerMinute"] = "20";
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string good = $"GOOD-{scenario.Suffix}";
        // Five active redemptions of one coupon need a per-account cap of five (issue 25 item 2: without one, one).
        await api.Admin().PostJson("/api/coupons", new { code = good, name = "good", discount = new { type = "percent", percent = 10 }, max_redemptions_per_account = 5 }).Created();
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();

        for (int i = 0; i < 5; i++)
        {
            await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = good, currency = "USD" }).Created();
        }

        for (int i = 0; i < 20; i++)
        {
            await (await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = $"GUESS{i}", currency = "USD" })).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        }

        var blocked = await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = good, currency = "USD" });
        var blockedSignup = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = "any", currency = "USD", coupon_codes = new[] { "GUESS" } });

        await blocked.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_coupon_guesses");
        Assert.InRange(int.Parse(blocked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        await blockedSignup.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_coupon_guesses");
        Assert.Equal(5, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE AccountCode = '{account}'"));
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_refused_with_413_before_it_is_read()
    {
        using var api = new BillingApiFactory();
        var huge = new StringContent("{\"code\":\"" + new string('A', 1_100_000) + "\"}", Encoding.UTF8, "application/json");

        var response = await api.Admin().PostAsync("/api/coupons", huge);

        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_as_invalid_json()
    {
        using var api = new BillingApiFactory();
        string nested = "{\"metadata\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100) + "}";

        var response = await api.Admin().PostAsync("/api/coupons", new StringContent(nested, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public void The_development_tokens_are_refused_when_the_environment_is_production()
    {
        using var api = new ProductionFactory();

        var failure = Assert.ThrowsAny<Exception>(() => api.Services);

        Assert.Contains("development tokens", failure.GetBaseException().Message, StringComparison.Ordinal);
    }

    private sealed class ProductionFactory : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Billing:DataDirectory", Path.Combine(Path.GetTempPath(), "billing-tests", Guid.NewGuid().ToString("N")));
            builder.UseSetting("Auth:AdminTokens:0", "dev-admin-token");
        }
    }
}
