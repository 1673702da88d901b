using Billing.Host.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// On PostgreSQL the recurring jobs run on Hangfire.PostgreSql, in the billing database's <c>hangfire</c> schema
/// (issue 19): the store several hosts share, so that each occurrence runs once across them.
/// </summary>
public sealed class PostgresJobStorageTests
{
    [PostgresOnlyFact]
    public async Task A_due_subscription_renews_on_the_renewals_cron_with_the_jobs_stored_in_the_billing_database_S6()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Jobs:Storage"] = "postgres";
        api.Settings["Billing:Jobs:Renewals:Cron"] = "* * * * * *";
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = scenario.Code("acct"), plan_code = scenario.Code("plan"), currency = "USD" }).Created();
        string id = subscription.GetProperty("id").GetString()!;
        var periodEnd = subscription.GetProperty("current_period_end").GetDateTimeOffset();

        Assert.IsType<PostgreSqlStorage>(api.Services.GetRequiredService<JobStorage>());
        await api.Admin().PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(1) }).Ok();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (api.Scalar($"SELECT COUNT(*) FROM invoicing_invoices WHERE SubscriptionId = '{id}'") < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the renewals job did not renew the subscription within a minute");
            await Task.Delay(200);
        }

        Assert.True(api.Scalar($"SELECT COUNT(*) FROM hangfire.job WHERE statename = 'Succeeded' AND invocationdata::text LIKE '%{nameof(RenewalsJob)}%'") >= 1, "a renewals job succeeded in the PostgreSQL store");
    }
}
