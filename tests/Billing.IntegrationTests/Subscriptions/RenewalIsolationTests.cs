using Xunit;

namespace Billing.IntegrationTests;

/// <summary>S6: a renewal that fails is counted and left due; it neither rolls back nor blocks the batch it was in.</summary>
public sealed class RenewalIsolationTests
{
    [Fact]
    public async Task One_failing_renewal_in_a_batch_is_counted_and_the_others_are_renewed()
    {
        using var api = new BillingApiFactory();
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            string account = (await scenario.Account(scenario.Code($"ok{i}"))).GetProperty("code").GetString()!;
            ids.Add((await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created()).GetProperty("id").GetString()!);
        }

        var template = await api.Business().GetJson($"/api/subscriptions/{ids[0]}");
        string broken = (await scenario.Account(scenario.Code("broken"))).GetProperty("code").GetString()!;
        api.Execute($"""
            INSERT INTO subscriptions_subscriptions (Id, AccountCode, PlanCode, Currency, Quantity, AddOns, State, PeriodAnchor, PeriodIndex,
                IntervalLength, IntervalUnit, CurrentPeriodStart, CurrentPeriodEnd, OriginalPrice, PurchasePrice, CreatedAt)
            SELECT 'sub_0broken', '{broken}', PlanCode, 'CHF', 1, '[]', 'active', PeriodAnchor, PeriodIndex, IntervalLength, IntervalUnit,
                CurrentPeriodStart, CurrentPeriodEnd, 0, 0, CreatedAt
            FROM subscriptions_subscriptions WHERE Id = '{ids[0]}';
            """);
        await api.Admin().PostJson("/api/test-clock", new { now = template.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(5) }).Ok();

        var run = await api.Admin().PostAsync("/api/bill-runs", null).Ok();

        Assert.Equal(1, run.GetProperty("failed").GetInt32());
        Assert.Equal(5, run.GetProperty("renewed").GetInt32());
        Assert.Equal(5, run.GetProperty("invoiced").GetInt32());
        foreach (string id in ids)
        {
            Assert.Equal(2, (await api.Business().GetJson($"/api/invoices?subscription_id={id}")).GetProperty("data").GetArrayLength());
        }

        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM invoicing_invoices WHERE SubscriptionId = 'sub_0broken'"));
        Assert.Equal(template.GetProperty("current_period_end").GetDateTimeOffset(), (await api.Business().GetJson("/api/subscriptions/sub_0broken")).GetProperty("current_period_end").GetDateTimeOffset());
    }
}
