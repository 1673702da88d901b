using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issues 14 (items 4, 5, 7) and 25 (item 1) through HTTP: a change now credits what was actually paid for the unused
/// time (S8), the preview of the next invoice is the renewal's (I7), and purchase_price is what the next period costs
/// after coupons (S3).
/// </summary>
public sealed class ChangeCreditTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private Task MoveClock(DateTimeOffset to) => api.Admin().PostJson("/api/test-clock", new { now = to }).Ok();

    private async Task<string> Plan(Scenario scenario, string name, decimal price, object? trial = null)
    {
        string code = scenario.Code(name);
        await api.Admin().PostJson("/api/plans", new
        {
            code,
            name,
            interval = new { length = 1, unit = "month" },
            trial,
            currencies = new[] { new { currency = "USD", unit_amount = price, setup_fee = 0m } },
        }).Created();
        return code;
    }

    private async Task<string> Coupon(Scenario scenario, string name, int percent, string duration, string level = "account")
    {
        string code = scenario.Code(name).ToUpperInvariant();
        await api.Admin().PostJson("/api/coupons", new { code, name, discount = new { type = "percent", percent }, duration = new { type = duration }, redemption_resource = level }).Created();
        return code;
    }

    private async Task<JsonElement> Subscribe(string account, string plan, params string[] codes) =>
        await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = codes }).Created();

    private static decimal Credit(JsonElement changed) =>
        changed.GetProperty("invoice").GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("type").GetString() == "proration_credit").GetProperty("amount").GetDecimal();

    private static decimal PaidForCharge(JsonElement changed)
    {
        var charge = changed.GetProperty("invoice").GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("type").GetString() == "proration_charge");
        return charge.GetProperty("amount").GetDecimal() - charge.GetProperty("discount").GetDecimal();
    }

    [Fact]
    public async Task A_second_change_credits_what_the_discounted_first_change_charged_not_a_list_price_S8()
    {
        var scenario = new Scenario(api);
        string basic = await Plan(scenario, "basic", 30m);
        string premium = await Plan(scenario, "premium", 60m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string half = await Coupon(scenario, "half", 50, "single_use", "subscription");
        var subscription = await Subscribe(account, basic);
        string id = subscription.GetProperty("id").GetString()!;
        var start = subscription.GetProperty("current_period_start").GetDateTimeOffset();
        var end = subscription.GetProperty("current_period_end").GetDateTimeOffset();
        await MoveClock(start.AddDays(15).AddHours(1));
        var upgraded = await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = premium, timeframe = "now", coupon_code = half }).Ok();
        int daysAfterUpgrade = (int)Math.Ceiling((end - start.AddDays(15).AddHours(1)).TotalDays);
        await MoveClock(start.AddDays(23).AddHours(1));
        int daysAfterDowngrade = (int)Math.Ceiling((end - start.AddDays(23).AddHours(1)).TotalDays);

        var downgraded = await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = basic, timeframe = "now" }).Ok();

        decimal paid = PaidForCharge(upgraded);
        Assert.True(paid < upgraded.GetProperty("invoice").GetProperty("lines")[1].GetProperty("amount").GetDecimal(), "the upgrade's charge was discounted");
        Assert.Equal(-Math.Round(paid * daysAfterDowngrade / daysAfterUpgrade, 2, MidpointRounding.AwayFromZero), Credit(downgraded));
    }

    [Fact]
    public async Task Looping_quantity_changes_under_a_forever_coupon_leaves_the_change_invoices_summing_to_zero_S8()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "seats", 30m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string tenPercent = await Coupon(scenario, "ten", 10, "forever");
        var subscription = await Subscribe(account, plan, tenPercent);
        string id = subscription.GetProperty("id").GetString()!;
        await MoveClock(subscription.GetProperty("current_period_start").GetDateTimeOffset().AddDays(10).AddHours(1));

        decimal sum = 0m;
        foreach (int quantity in new[] { 2, 1, 2, 1, 2, 1 })
        {
            sum += (await api.Business().PutJson($"/api/subscriptions/{id}", new { quantity, timeframe = "now" }).Ok()).GetProperty("invoice").GetProperty("total").GetDecimal();
        }

        Assert.InRange(sum, -0.01m, 0.01m);
    }

    [Fact]
    public async Task The_preview_of_the_next_invoice_prices_a_change_pending_for_renewal_I7_S8()
    {
        var scenario = new Scenario(api);
        string basic = await Plan(scenario, "basic", 30m);
        string premium = await Plan(scenario, "premium", 60m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string id = (await Subscribe(account, basic)).GetProperty("id").GetString()!;

        var scheduled = await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = premium, quantity = 2, timeframe = "renewal" }).Ok();
        var preview = await api.Business().PostJson("/api/invoices/preview", new { subscription_id = id }).Ok();

        Assert.Equal(120m, preview.GetProperty("total").GetDecimal());
        Assert.Equal(premium, preview.GetProperty("lines")[0].GetProperty("code").GetString());
        Assert.Equal(120m, scheduled.GetProperty("purchase_price").GetDecimal());
    }

    [Fact]
    public async Task Purchase_price_after_a_change_is_the_next_period_after_the_coupon_that_still_applies_S3()
    {
        var scenario = new Scenario(api);
        string basic = await Plan(scenario, "basic", 30m);
        string premium = await Plan(scenario, "premium", 60m);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string quarter = await Coupon(scenario, "quarter", 25, "forever");
        string id = (await Subscribe(account, basic, quarter)).GetProperty("id").GetString()!;

        var changed = await api.Business().PutJson($"/api/subscriptions/{id}", new { plan_code = premium, timeframe = "now" }).Ok();
        var preview = await api.Business().PostJson("/api/invoices/preview", new { subscription_id = id }).Ok();

        Assert.Equal(45m, changed.GetProperty("purchase_price").GetDecimal());
        Assert.Equal(preview.GetProperty("total").GetDecimal(), changed.GetProperty("purchase_price").GetDecimal());
    }

    [Fact]
    public async Task Purchase_price_during_a_trial_is_the_first_paid_period_after_coupons_S3_R9()
    {
        var scenario = new Scenario(api);
        string plan = await Plan(scenario, "trial", 40m, trial: new { length = 7, unit = "day" });
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string quarter = await Coupon(scenario, "quarter", 25, "forever");

        var subscription = await Subscribe(account, plan, quarter);

        Assert.Equal("in_trial", subscription.GetProperty("state").GetString());
        Assert.Equal(30m, subscription.GetProperty("purchase_price").GetDecimal());
    }
}
