using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16 (OpenAPI x-codes): the codes the audit found answered but not listed — each answered through HTTP and listed
/// by its operation. The catalogue-wide check is <c>OpenApiDocumentTests</c>' every-catalogued-code test.
/// </summary>
public sealed class DeclaredProblemCodesTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private async Task<IReadOnlyList<string>> ListedAsync(string path, string method, string status)
    {
        var document = await api.Anonymous().GetJson("/openapi/v1.json");
        var codes = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status).GetProperty("x-codes");
        return [.. codes.EnumerateArray().Select(c => c.GetString()!)];
    }

    [Fact]
    public async Task A_change_to_a_plan_without_one_of_the_subscription_s_add_ons_is_add_on_not_found_and_listed_S1_S8()
    {
        var scenario = new Scenario(api);
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string bare = scenario.Code("bare");
        await api.Admin().PostJson("/api/plans", new
        {
            code = bare,
            name = "No add-ons",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 10.00m } },
        }).Created();
        string id = (await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", add_ons = new[] { new { code = "extra", quantity = 1 } } }).Created())
            .GetProperty("id").GetString()!;

        var refused = await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = bare, timeframe = "now" });

        await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "add_on_not_found");
        Assert.Contains("add_on_not_found", await ListedAsync("/api/subscriptions/{id}", "put", "422"));
    }

    [Fact]
    public async Task Restoring_with_a_redeem_by_in_the_past_is_redeem_by_in_past_and_listed_C14()
    {
        var coupon = await new Scenario(api).PercentCoupon($"PAST{Guid.NewGuid():N}"[..12], 10);
        string id = coupon.GetProperty("id").GetString()!;
        await api.Admin().PostAsync($"/api/coupons/{id}/expire", null).Ok();
        var now = await api.NowAsync();

        var refused = await api.Admin().PostJson($"/api/coupons/{id}/restore", new { redeem_by = now.AddDays(-1).ToString("O") });

        await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "redeem_by_in_past");
        Assert.Contains("redeem_by_in_past", await ListedAsync("/api/coupons/{id}/restore", "post", "422"));
    }
}
