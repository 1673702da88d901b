using System.Diagnostics;
using Billing.Host.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// The recurring jobs on Hangfire (issue 13): renewals, duration-expiry, redeem-by-expiry, dunning (P4) and housekeeping, each on its
/// own cron, deciding by the application clock; the in-memory job store, which keeps no schedule across a restart.
/// </summary>
public sealed class RecurringJobsTests
{
    private const string EverySecond = "* * * * * *";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_due_subscription_renews_on_the_renewals_cron_with_no_api_call_when_the_test_clock_passes_its_period_end_S6()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Jobs:Renewals:Cron"] = EverySecond;
        var (id, periodEnd) = await SubscribeAsync(api);
        Assert.Equal(1, Invoices(api, id));

        await api.Admin().PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(1) }).Ok();

        await WaitUntil(() => Invoices(api, id) == 2, "the renewal invoice");
        var subscription = await api.Business().GetJson($"/api/subscriptions/{id}");
        Assert.Equal(periodEnd, subscription.GetProperty("current_period_start").GetDateTimeOffset());
        Assert.True(Succeeded(api, RenewalsJob.Id) >= 1, "the renewal ran as the renewals job");
    }

    [Fact]
    public async Task A_job_decides_by_the_application_clock_so_a_subscription_not_yet_due_on_it_is_not_renewed_however_often_the_cron_fires_S6()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Jobs:Renewals:Cron"] = EverySecond;
        var (id, periodEnd) = await SubscribeAsync(api);
        await api.Admin().PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(-1) }).Ok();
        int runsBefore = Succeeded(api, RenewalsJob.Id);

        await WaitUntil(() => Succeeded(api, RenewalsJob.Id) >= runsBefore + 2, "two renewals runs");

        Assert.Equal(1, Invoices(api, id));
    }

    [Fact]
    public async Task A_host_restarted_after_a_subscription_fell_due_renews_it_at_its_first_tick_though_the_in_memory_job_store_kept_nothing_S6()
    {
        using var first = new BillingApiFactory();
        var (id, periodEnd) = await SubscribeAsync(first);
        await first.Admin().PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(1) }).Ok();
        Assert.Equal(1, Invoices(first, id));

        using var restarted = first.Restart();
        restarted.Settings["Billing:Jobs:Renewals:Cron"] = EverySecond;
        // The test clock is the application's time; moving it (again) here is the time that passed while no host ran.
        await restarted.Admin().PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(1) }).Ok();

        await WaitUntil(() => Invoices(restarted, id) == 2, "the renewal after the restart");
        var subscription = await restarted.Business().GetJson($"/api/subscriptions/{id}");
        Assert.Equal(periodEnd, subscription.GetProperty("current_period_start").GetDateTimeOffset());
        Assert.True(Succeeded(restarted, RenewalsJob.Id) >= 1, "the restarted host's renewals job renewed it");
    }

    [Fact]
    public async Task A_host_killed_with_SIGKILL_after_a_subscription_fell_due_renews_it_at_the_restarted_hosts_first_tick_S6()
    {
        using var host = new RealHost();
        var client = await host.StartAsync();
        await client.PostJson("/api/plans", new { code = "killed", name = "Killed", interval = new { length = 1, unit = "month" }, currencies = new[] { new { currency = "USD", unit_amount = 15m, setup_fee = 0m } } }).Created();
        await client.PostJson("/api/accounts", new { code = "killed", email = "killed@example.com", country = "DE" }).Created();
        var subscription = await client.PostJson("/api/subscriptions", new { account_code = "killed", plan_code = "killed", currency = "USD" }).Created();
        string id = subscription.GetProperty("id").GetString()!;
        var periodEnd = subscription.GetProperty("current_period_end").GetDateTimeOffset();
        await client.PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(1) }).Ok();

        host.Kill();
        client = await host.StartAsync(new Dictionary<string, string> { ["Billing__Jobs__Renewals__Cron"] = EverySecond });
        // The test clock is the application's time; moving it (again) here is the time that passed while no host ran.
        await client.PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(1) }).Ok();

        await WaitUntil(() => host.Scalar($"SELECT COUNT(*) FROM invoicing_invoices WHERE SubscriptionId = '{id}'") == 2, "the renewal after the SIGKILL");
        var renewed = await client.GetJson($"/api/subscriptions/{id}");
        Assert.Equal(periodEnd, renewed.GetProperty("current_period_start").GetDateTimeOffset());
    }

    [Fact]
    public void Every_job_is_scheduled_under_its_name_with_the_cron_configured_for_it()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Jobs:DurationExpiry:Cron"] = "*/30 * * * * *";
        api.Settings["Billing:Jobs:Housekeeping:Cron"] = "15 3 * * *";
        using var connection = api.Services.GetRequiredService<JobStorage>().GetConnection();

        var jobs = connection.GetRecurringJobs().ToDictionary(job => job.Id, job => job.Cron);

        Assert.Equal(
            new Dictionary<string, string>
            {
                [RenewalsJob.Id] = BillingApiFactory.NeverCron,
                [DurationExpiryJob.Id] = "*/30 * * * * *",
                [RedeemByExpiryJob.Id] = BillingApiFactory.NeverCron,
                [DunningJob.Id] = BillingApiFactory.NeverCron,
                [HousekeepingJob.Id] = "15 3 * * *",
                [WebhookDeliveriesJob.Id] = BillingApiFactory.NeverCron,
            },
            jobs);
    }

    [Fact]
    public async Task The_expiry_jobs_end_redemptions_and_expire_coupons_on_their_crons_by_the_test_clock_R5_C13()
    {
        using var api = new BillingApiFactory();
        api.Settings["Billing:Jobs:DurationExpiry:Cron"] = EverySecond;
        api.Settings["Billing:Jobs:RedeemByExpiry:Cron"] = EverySecond;
        var scenario = new Scenario(api);
        string account = scenario.Code("acct");
        string temporal = $"MONTH-{scenario.Suffix}";
        string dated = $"DATED-{scenario.Suffix}";
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(account);
        await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = scenario.Code("plan"), currency = "USD" }).Created();
        await api.Admin().PostJson("/api/coupons", new { code = temporal, name = "One month", discount = new { type = "percent", percent = 10 }, duration = new { type = "temporal", amount = 1, unit = "month" } }).Created();
        var now = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        var coupon = await api.Admin().PostJson("/api/coupons", new { code = dated, name = "Dated", discount = new { type = "percent", percent = 5 }, redeem_by = now.AddDays(10).ToString("O") }).Created();
        await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = temporal, currency = "USD" }).Created();

        await api.Admin().PostJson("/api/test-clock", new { now = now.AddMonths(2) }).Ok();

        await WaitUntil(
            async () => (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray().Single().GetProperty("inactive_reason").GetString() == "duration_ended",
            "the redemption ended by its duration");
        await WaitUntil(async () => (await api.Business().GetJson($"/api/coupons/{coupon.GetProperty("id").GetString()}")).GetProperty("expire_reason").GetString() == "redeem_by", "the coupon expired by its redeem_by");
    }

    [Fact]
    public async Task Duration_expiry_running_before_a_late_renewal_catch_up_still_lets_the_periods_that_started_before_the_end_be_discounted_R5()
    {
        using var api = new BillingApiFactory();
        var scenario = new Scenario(api);
        string plan = scenario.Code("plan");
        string account = scenario.Code("acct");
        string code = $"TWOMONTHS-{scenario.Suffix}";
        await scenario.PlanA(plan);
        await scenario.Account(account);
        await api.Admin().PostJson("/api/coupons", new { code, name = "Two months", discount = new { type = "percent", percent = 10 }, duration = new { type = "temporal", amount = 2, unit = "month" } }).Created();
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { code } }).Created();
        string id = subscription.GetProperty("id").GetString()!;
        await api.Admin().PostJson("/api/test-clock", new { now = subscription.GetProperty("created_at").GetDateTimeOffset().AddMonths(3).AddDays(5) }).Ok();

        int ended = await RunJob<DurationExpiryJob, int>(api, (job, ct) => job.RunAsync(ct));
        var renewals = await RunJob<RenewalsJob, Subscriptions.Contracts.RenewalCounts>(api, (job, ct) => job.RunAsync(ct));

        Assert.Equal(1, ended);
        Assert.Equal(3, renewals.Invoiced);
        var invoices = (await api.Business().GetJson($"/api/invoices?subscription_id={id}")).GetProperty("data").EnumerateArray();
        Assert.Equal([1.50m, 1.50m, 0m, 0m], invoices.Select(i => i.GetProperty("discount_total").GetDecimal()));
    }

    [Fact]
    public async Task The_bill_run_answers_what_each_job_did_including_the_subscriptions_it_expired_S9()
    {
        using var api = new BillingApiFactory();
        var (renewing, periodEnd) = await SubscribeAsync(api);
        var (canceling, _) = await SubscribeAsync(api);
        await api.Business().PostAsync($"/api/subscriptions/{canceling}/cancel", null).Ok();
        await api.Admin().PostJson("/api/test-clock", new { now = periodEnd.AddMinutes(1) }).Ok();

        var run = await api.Admin().PostAsync("/api/bill-runs", null).Ok();

        Assert.Equal(
            """{"renewed":1,"invoiced":1,"failed":0,"subscriptions_expired":1,"coupons_expired":0,"redemptions_ended":0,"idempotency_keys_purged":0,"dunning":{"attempted":0,"paid":0,"failed":0,"refunds_retried":0,"refunds_succeeded":0}}""",
            run.GetRawText());
        Assert.Equal("expired", (await api.Business().GetJson($"/api/subscriptions/{canceling}")).GetProperty("state").GetString());
        Assert.Equal(2, Invoices(api, renewing));
        var again = await api.Admin().PostAsync("/api/bill-runs", null).Ok();
        Assert.Equal(0, again.GetProperty("subscriptions_expired").GetInt32());
    }

    private static async Task<(string Id, DateTimeOffset PeriodEnd)> SubscribeAsync(BillingApiFactory api)
    {
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = scenario.Code("acct"), plan_code = scenario.Code("plan"), currency = "USD" }).Created();
        return (subscription.GetProperty("id").GetString()!, subscription.GetProperty("current_period_end").GetDateTimeOffset());
    }

    private static long Invoices(BillingApiFactory api, string subscriptionId) =>
        api.Scalar($"SELECT COUNT(*) FROM invoicing_invoices WHERE SubscriptionId = '{subscriptionId}'");

    /// <summary>How many runs of the recurring job Hangfire recorded as succeeded.</summary>
    private static int Succeeded(BillingApiFactory api, string recurringJobId)
    {
        var monitoring = api.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        string type = recurringJobId switch
        {
            RenewalsJob.Id => nameof(RenewalsJob),
            DurationExpiryJob.Id => nameof(DurationExpiryJob),
            RedeemByExpiryJob.Id => nameof(RedeemByExpiryJob),
            _ => nameof(HousekeepingJob),
        };
        return monitoring.SucceededJobs(0, 1000).Count(job => job.Value.Job?.Type.Name == type);
    }

    private static async Task<T> RunJob<TJob, T>(BillingApiFactory api, Func<TJob, CancellationToken, Task<T>> run)
        where TJob : notnull
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>(), CancellationToken.None);
    }

    private static Task WaitUntil(Func<bool> condition, string what) => WaitUntil(() => Task.FromResult(condition()), what);

    /// <summary>Polls the condition until it holds, failing after <see cref="Patience"/>: never a fixed sleep.</summary>
    private static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < Patience, $"waited {Patience.TotalSeconds:0} s for {what}");
            await Task.Delay(100);
        }
    }
}
