using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 14 item 6 (R3, R5): a redemption's <c>periods_discounted</c> counts the billing periods it took money off,
/// each once — a change invoice's period too, and never an invoice it discounted by 0.00.
/// </summary>
public sealed class RedemptionCounterTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private Task MoveClock(DateTimeOffset to) => api.Admin().PostJson("/api/test-clock", new { now = to }).Ok();

    private async Task<string> Plan(Scenario scenario, string name, decimal price, decimal setupFee = 0m)
    {
        string code = scenario.Code(name);
        await api.Admin().PostJson("/api/plans", new
        {
            code,
            name,
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = price, setup_fee = setupFee } },
        }).Created();
        return code;
    }

    private async Task<JsonElement> Subscribe(string account, string plan, params string[] codes) =>
        await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = codes }).Created();

    private async Task<JsonElement> RedemptionOf(string account) =>
        (await api.Business().GetJson($"/api/accounts/{account}/redemptions")).GetProperty("data").EnumerateArray().Single();

    private static decimal Discounted(JsonElement redemption) =>
        redemption.GetProperty("total_discounted").EnumerateArray().Sum(t => t.GetProperty("amount").GetDecimal());

    /// <summary>The issue's first example: a single-use coupon that discounted an upgrade showed periods_discounted 0.</summary>
    [Fact]
    public async Task A_single_use_coupon_redeemed_at_an_upgrade_counts_the_period_whose_change_it_discounted_R5_R7()
    {
        var scenario = new Scenario(api);
        string basic = await Plan(scenario, "basic", 30m);
        string premium = await Plan(scenario, "premium", 60m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string half = scenario.Code("HALF").ToUpperInvariant();
        await api.Admin().PostJson("/api/coupons", new { code = half, name = "half once", discount = new { type = "percent", percent = 50 }, duration = new { type = "single_use" }, redemption_resource = "subscription" }).Created();
        var subscription = await Subscribe(account, basic);
        var start = subscription.GetProperty("current_period_start").GetDateTimeOffset();
        await MoveClock(start.AddDays(10));

        var upgraded = await api.Business().PutJson($"/api/subscriptions/{subscription.GetProperty("id").GetString()}", new { plan_code = premium, timeframe = "now", coupon_code = half }).Ok();
        await MoveClock(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddDays(1));
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();

        var redemption = await RedemptionOf(account);
        Assert.True(upgraded.GetProperty("invoice").GetProperty("discount_total").GetDecimal() > 0, "the upgrade's charge was discounted");
        Assert.Equal(upgraded.GetProperty("invoice").GetProperty("discount_total").GetDecimal(), Discounted(redemption));
        Assert.Equal(1, redemption.GetProperty("periods_discounted").GetInt32());
        Assert.Equal("duration_ended", redemption.GetProperty("inactive_reason").GetString());
    }

    /// <summary>
    /// The issue's second example: a coupon that discounted one invoice showed periods_discounted 6, the five 0.00
    /// renewals after it counted. Here a fixed coupon takes the setup fee of a free plan (I3) and nothing after.
    /// </summary>
    [Fact]
    public async Task A_coupon_that_discounted_only_the_first_invoice_counts_one_period_not_the_zero_renewals_after_it_R5()
    {
        var scenario = new Scenario(api);
        string free = await Plan(scenario, "free", 0m, setupFee: 5m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string fiveOff = scenario.Code("FIVE").ToUpperInvariant();
        await api.Admin().PostJson("/api/coupons", new { code = fiveOff, name = "five off", discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 5m } } }, duration = new { type = "forever" } }).Created();
        var subscription = await Subscribe(account, free, fiveOff);

        await MoveClock(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddMonths(4).AddDays(1));
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();

        var invoices = (await api.Business().GetJson($"/api/invoices?subscription_id={subscription.GetProperty("id").GetString()}")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([5m, 0m, 0m, 0m, 0m, 0m], invoices.Select(i => i.GetProperty("discount_total").GetDecimal()));
        var redemption = await RedemptionOf(account);
        Assert.Equal(1, redemption.GetProperty("periods_discounted").GetInt32());
        Assert.Equal(5m, Discounted(redemption));
        Assert.Equal("active", redemption.GetProperty("state").GetString());
    }

    /// <summary>A period its invoice discounted, and a change within it discounted again, is one period; the renewal is the next.</summary>
    [Fact]
    public async Task A_period_discounted_by_its_invoice_and_again_by_a_change_within_it_counts_once_R5()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "seats", 30m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string ten = scenario.Code("TEN").ToUpperInvariant();
        await api.Admin().PostJson("/api/coupons", new { code = ten, name = "ten forever", discount = new { type = "percent", percent = 10 }, duration = new { type = "forever" } }).Created();
        var subscription = await Subscribe(account, plan, ten);
        string id = subscription.GetProperty("id").GetString()!;
        await MoveClock(subscription.GetProperty("current_period_start").GetDateTimeOffset().AddDays(10));

        var changed = await api.Business().PutJson($"/api/subscriptions/{id}", new { quantity = 2, timeframe = "now" }).Ok();
        var afterChange = await RedemptionOf(account);
        await MoveClock(subscription.GetProperty("current_period_end").GetDateTimeOffset().AddDays(1));
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();

        Assert.True(changed.GetProperty("invoice").GetProperty("discount_total").GetDecimal() > 0, "the change's charge was discounted");
        Assert.Equal(1, afterChange.GetProperty("periods_discounted").GetInt32());
        Assert.Equal(2, (await RedemptionOf(account)).GetProperty("periods_discounted").GetInt32());
    }
}
