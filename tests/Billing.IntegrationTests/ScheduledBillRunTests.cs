using Xunit;

namespace Billing.IntegrationTests;

/// <summary>The bill run on Quartz's schedule: the same work as POST /api/bill-runs, and the persistent store.</summary>
public sealed class ScheduledBillRunTests
{
    [Fact]
    public async Task The_scheduled_bill_run_renews_a_due_subscription_without_anyone_calling_the_api_S6()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Jobs:BillRunInterval"] = "00:00:01";
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = scenario.Code("acct"), plan_code = scenario.Code("plan"), currency = "USD" }).Created();
        string id = subscription.GetProperty("id").GetString()!;

        await api.Admin().PostJson("/api/test-clock", new { now = subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMinutes(1) });

        var deadline = DateTime.UtcNow.AddSeconds(20);
        long invoices = 0;
        while (DateTime.UtcNow < deadline && invoices < 2)
        {
            await Task.Delay(250);
            invoices = api.Scalar($"SELECT COUNT(*) FROM invoicing_invoices WHERE SubscriptionId = '{id}'");
        }

        Assert.Equal(2, invoices);
    }

    [Fact]
    public void With_the_persistent_store_quartz_provisions_its_schema_in_sqlite_and_stores_the_bill_run_trigger()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Jobs:Store"] = "sqlite";

        Assert.Equal(1, api.Scalar("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'bill-run'", "quartz.db"));
    }
}
