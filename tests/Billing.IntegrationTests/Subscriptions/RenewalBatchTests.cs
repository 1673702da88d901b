using Xunit;

namespace Billing.IntegrationTests;

/// <summary>S6 with the bill run's batch size configured (<c>Billing:Renewals:BatchSize</c>).</summary>
public sealed class RenewalBatchTests
{
    [Fact]
    public async Task A_bill_run_with_batches_of_two_renews_all_seven_due_subscriptions_once_each_S6()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Renewals:BatchSize"] = "2";
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        var ids = new List<string>();
        DateTimeOffset periodEnd = default;
        for (int i = 0; i < 7; i++)
        {
            string account = scenario.Code($"acct{i}");
            await scenario.Account(account);
            var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" }).Created();
            ids.Add(subscription.GetProperty("id").GetString()!);
            periodEnd = subscription.GetProperty("current_period_end").GetDateTimeOffset();
        }

        await api.Admin().PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(1) }).Ok();
        var run = await api.Admin().PostAsync("/api/bill-runs", null).Ok();

        Assert.Equal(7, run.GetProperty("renewed").GetInt32());
        Assert.All(ids, id => Assert.Equal(2, api.Scalar($"SELECT COUNT(*) FROM invoicing_invoices WHERE SubscriptionId = '{id}'")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    public void A_batch_size_out_of_range_stops_the_host_at_start(string size)
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Renewals:BatchSize"] = size;

        var refused = Assert.ThrowsAny<Exception>(() => api.Services);

        Assert.Contains("BatchSize", refused.ToString(), StringComparison.Ordinal);
    }
}
