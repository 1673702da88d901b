using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>The test clock of API.md and the bill run (S6, C13) through HTTP.</summary>
public sealed class BillRunAndClockTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private async Task<DateTimeOffset> Now() =>
        (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();

    private Task<HttpResponseMessage> SetClock(DateTimeOffset now) => api.Admin().PostJson("/api/test-clock", new { now });

    [Fact]
    public async Task The_test_clock_moves_forward_and_never_backwards()
    {
        var now = await Now();

        var forward = await SetClock(now.AddHours(1));
        var backward = await SetClock(now);

        Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, backward.StatusCode);
        Assert.Equal("clock_backwards", (await backward.Body()).GetProperty("code").GetString());
        Assert.Equal(now.AddHours(1), await Now());
    }

    /// <summary>
    /// Issue 14 item 2: the test clock is kept in the database, so a host restarted on the same database resumes where
    /// it was, half a year ahead of the real time, and still refuses an earlier instant (API.md: never backwards).
    /// </summary>
    [Fact]
    public async Task A_restarted_host_resumes_the_test_clock_where_it_was_and_still_refuses_an_earlier_instant()
    {
        using var first = new BillingApiFactory();
        var start = (await first.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        var later = start.AddDays(180);
        await first.Admin().PostJson("/api/test-clock", new { now = later }).Ok();

        using var restarted = first.Restart();
        var resumed = (await restarted.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        var backwards = await restarted.Admin().PostJson("/api/test-clock", new { now = later.AddDays(-1) });

        Assert.Equal(later, resumed);
        await backwards.ShouldBeProblem(HttpStatusCode.Conflict, "clock_backwards");
        Assert.Equal(later, (await restarted.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset());
        Assert.Equal(1, restarted.Scalar("SELECT COUNT(*) FROM platform_test_clock"));
    }

    [Fact]
    public async Task A_bill_run_after_a_period_renews_once_and_a_repeated_run_creates_nothing_twice_S6_I5()
    {
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        string code = $"RENEW-{scenario.Suffix}";
        await scenario.PercentCoupon(code, 10);
        var subscription = await api.Business().PostJson("/api/subscriptions", new
        {
            account_code = scenario.Code("acct"),
            plan_code = scenario.Code("plan"),
            currency = "USD",
            coupon_codes = new[] { code },
        }).Created();
        string id = subscription.GetProperty("id").GetString()!;
        var periodEnd = subscription.GetProperty("current_period_end").GetDateTimeOffset();

        Assert.Equal(HttpStatusCode.OK, (await SetClock(periodEnd.AddMinutes(1))).StatusCode);
        var first = await (await api.Admin().PostAsync("/api/bill-runs", null)).Body();
        var second = await (await api.Admin().PostAsync("/api/bill-runs", null)).Body();

        Assert.True(first.GetProperty("invoiced").GetInt32() >= 1);
        Assert.Equal(0, second.GetProperty("invoiced").GetInt32());
        var invoices = (await api.Business().GetJson($"/api/invoices?subscription_id={id}")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, invoices.Count);
        var renewal = invoices[1];
        Assert.Equal(periodEnd, renewal.GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(13.50m, renewal.GetProperty("total").GetDecimal());
        Assert.DoesNotContain(renewal.GetProperty("lines").EnumerateArray(), l => l.GetProperty("type").GetString() == "setup_fee");
        Assert.Equal(invoices[0].GetProperty("number").GetInt64() + 1, renewal.GetProperty("number").GetInt64());
    }

    [Fact]
    public async Task A_single_use_coupon_discounts_only_the_first_invoice_even_when_renewals_catch_up_several_periods_R5()
    {
        var scenario = new Scenario(api);
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(scenario.Code("acct"));
        string code = $"ONCE-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new
        {
            code,
            name = "Half off once",
            discount = new { type = "percent", percent = 50 },
            duration = new { type = "single_use" },
        }).Created();
        var subscription = await api.Business().PostJson("/api/subscriptions", new
        {
            account_code = scenario.Code("acct"),
            plan_code = scenario.Code("plan"),
            currency = "USD",
            coupon_codes = new[] { code },
        }).Created();
        string id = subscription.GetProperty("id").GetString()!;

        (await SetClock(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMonths(2).AddDays(1))).EnsureSuccessStatusCode();
        await api.Admin().PostAsync("/api/bill-runs", null);

        var totals = (await api.Business().GetJson($"/api/invoices?subscription_id={id}")).GetProperty("data").EnumerateArray()
            .Select(i => i.GetProperty("total").GetDecimal()).ToList();
        Assert.Equal([57.50m, 15.00m, 15.00m, 15.00m], totals);
        var redemption = (await api.Business().GetJson($"/api/accounts/{scenario.Code("acct")}/redemptions")).GetProperty("data").EnumerateArray().Single();
        Assert.Equal("inactive", redemption.GetProperty("state").GetString());
        Assert.Equal("duration_ended", redemption.GetProperty("inactive_reason").GetString());
    }

    /// <summary>
    /// The bill run issues a batch's invoices together; an account-level coupon shared by two subscriptions must still
    /// be consumed one period at a time (R5), earlier periods first, and never discount a period past its limit.
    /// </summary>
    [Fact]
    public async Task An_account_coupon_shared_by_two_subscriptions_is_consumed_period_by_period_across_a_catch_up_R5()
    {
        var scenario = new Scenario(api);
        string account = scenario.Code("acct");
        await scenario.PlanA(scenario.Code("plan"));
        await scenario.Account(account);
        var subscriptions = new List<string>();
        DateTimeOffset periodEnd = default;
        for (int i = 0; i < 2; i++)
        {
            var created = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = scenario.Code("plan"), currency = "USD" }).Created();
            subscriptions.Add(created.GetProperty("id").GetString()!);
            periodEnd = created.GetProperty("current_period_end").GetDateTimeOffset();
        }

        string code = $"THREE-{scenario.Suffix}";
        await api.Admin().PostJson("/api/coupons", new { code, name = "Half off, three periods", discount = new { type = "percent", percent = 50 }, duration = new { type = "billing_periods", periods = 3 } }).Created();
        await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" }).Created();

        (await SetClock(periodEnd.AddMonths(1).AddDays(1))).EnsureSuccessStatusCode();
        var run = await (await api.Admin().PostAsync("/api/bill-runs", null)).Body();

        Assert.Equal(0, run.GetProperty("failed").GetInt32());
        var renewals = new List<List<decimal>>();
        foreach (string id in subscriptions)
        {
            var totals = (await api.Business().GetJson($"/api/invoices?subscription_id={id}")).GetProperty("data").EnumerateArray()
                .Select(i => i.GetProperty("total").GetDecimal()).ToList();
            Assert.Equal(65.00m, totals[0]);
            renewals.Add(totals[1..]);
        }

        Assert.All(renewals, r => Assert.Equal(2, r.Count));
        Assert.All(renewals, r => Assert.Equal(7.50m, r[0]));
        Assert.Equal([7.50m, 15.00m], renewals.Select(r => r[1]).Order());
        var redemption = (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray().Single();
        Assert.Equal("inactive", redemption.GetProperty("state").GetString());
        Assert.Equal("duration_ended", redemption.GetProperty("inactive_reason").GetString());
    }

    [Fact]
    public async Task A_coupon_past_its_redeem_by_expires_in_the_bill_run_C13()
    {
        var scenario = new Scenario(api);
        var now = await Now();
        var coupon = await api.Admin().PostJson("/api/coupons", new
        {
            code = $"SOON-{scenario.Suffix}",
            name = "Ends soon",
            discount = new { type = "percent", percent = 10 },
            redeem_by = now.AddDays(1).ToString("O"),
        }).Created();

        (await SetClock(now.AddDays(2))).EnsureSuccessStatusCode();
        var run = await (await api.Admin().PostAsync("/api/bill-runs", null)).Body();

        Assert.True(run.GetProperty("coupons_expired").GetInt32() >= 1);
        var after = await api.Admin().GetJson($"/api/coupons/{coupon.GetProperty("id").GetString()}");
        Assert.Equal("expired", after.GetProperty("state").GetString());
        Assert.Equal("redeem_by", after.GetProperty("expire_reason").GetString());
        Assert.False(after.GetProperty("valid").GetBoolean());
    }
}
