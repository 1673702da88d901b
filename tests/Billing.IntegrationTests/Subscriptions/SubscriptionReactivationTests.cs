using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// S9 + issue 16: POST /subscriptions/{id}/reactivate undoes a cancellation at period end while the period runs (the
/// same command My Account's undo sends); once the period is over it is refused and the subscription stays expired.
/// </summary>
public sealed class SubscriptionReactivationTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private Task MoveClock(DateTimeOffset to) => api.Admin().PostJson("/api/test-clock", new { now = to }).Ok();

    private async Task<List<JsonElement>> Invoices(string subscriptionId) =>
        (await api.Business().GetJson($"/api/invoices?subscription_id={subscriptionId}")).GetProperty("data").EnumerateArray().ToList();

    private async Task<(string Id, DateTimeOffset PeriodEnd)> CanceledAtPeriodEnd()
    {
        var scenario = new Scenario(api);
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();
        string id = subscription.GetProperty("id").GetString()!;
        var canceled = await api.Business().PostJson($"/api/subscriptions/{id}/cancel", new { timeframe = "period_end" }).Ok();
        Assert.Equal("canceled", canceled.GetProperty("state").GetString());
        return (id, subscription.GetProperty("current_period_end").GetDateTimeOffset());
    }

    [Fact]
    public async Task Reactivated_before_its_period_ends_a_canceled_subscription_is_active_again_and_renews_S9()
    {
        var (id, periodEnd) = await CanceledAtPeriodEnd();
        await MoveClock(periodEnd.AddHours(-1));

        var reactivated = await api.Business().PostAsync($"/api/subscriptions/{id}/reactivate", null).Ok();

        Assert.Equal("active", reactivated.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, reactivated.GetProperty("canceled_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, reactivated.GetProperty("expires_at").ValueKind);
        await MoveClock(periodEnd.AddMinutes(1));
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();
        var renewed = await api.Business().GetJson($"/api/subscriptions/{id}");
        Assert.Equal("active", renewed.GetProperty("state").GetString());
        Assert.Equal(periodEnd, renewed.GetProperty("current_period_start").GetDateTimeOffset());
        Assert.Equal(2, (await Invoices(id)).Count);
    }

    [Fact]
    public async Task After_its_period_ended_a_canceled_subscription_cannot_be_reactivated_S9()
    {
        var (id, periodEnd) = await CanceledAtPeriodEnd();
        await MoveClock(periodEnd.AddMinutes(1));

        var beforeTheRun = await api.Business().PostAsync($"/api/subscriptions/{id}/reactivate", null);
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();
        var afterTheRun = await api.Business().PostAsync($"/api/subscriptions/{id}/reactivate", null);

        await beforeTheRun.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_period_ended");
        await afterTheRun.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_not_canceled");
        Assert.Equal("expired", (await api.Business().GetJson($"/api/subscriptions/{id}")).GetProperty("state").GetString());
        Assert.Single(await Invoices(id));
    }

    [Fact]
    public async Task A_live_subscription_is_not_reactivated_and_an_unknown_one_is_not_found()
    {
        var scenario = new Scenario(api);
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string id = (await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created()).GetProperty("id").GetString()!;

        await (await api.Business().PostAsync($"/api/subscriptions/{id}/reactivate", null)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "subscription_not_canceled");
        await (await api.Business().PostAsync("/api/subscriptions/sub_nope/reactivate", null)).ShouldBeProblem(HttpStatusCode.NotFound, "subscription_not_found");
    }
}
