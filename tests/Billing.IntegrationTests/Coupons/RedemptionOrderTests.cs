using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 14 item 9: the order of redemptions made at the same instant is the order they were made in (C17).</summary>
public sealed class RedemptionOrderTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task A_signup_s_coupon_codes_stack_in_the_order_given_every_time_while_the_clock_stands_still_C17()
    {
        var scenario = new Scenario(api);
        string plan = scenario.Code("tiny");
        await api.Admin().PostJson("/api/plans", new
        {
            code = plan,
            name = "Tiny",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 0.33m, setup_fee = 0m } },
        }).Created();
        string half = scenario.Code("HALF");
        string tenth = scenario.Code("TENTH");
        await scenario.PercentCoupon(half, 50);
        await scenario.PercentCoupon(tenth, 10);
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true, percent_mode = "compound" }).Ok();
        try
        {
            var totals = new List<decimal>();
            foreach (var (codes, i) in Enumerable.Repeat(new[] { half, tenth }, 10).Concat(Enumerable.Repeat(new[] { tenth, half }, 10)).Select((c, i) => (c, i)))
            {
                string account = (await scenario.Account(scenario.Code($"acct{i}"))).GetProperty("code").GetString()!;
                var subscription = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = codes }).Created();
                totals.Add(subscription.GetProperty("invoice").GetProperty("total").GetDecimal());
            }

            // 50 % of 0.33 is 0.17 off, then 10 % of 0.16 is 0.02 off: 0.14. The other way round: 0.03, then 0.15 off: 0.15.
            Assert.Equal([.. Enumerable.Repeat(0.14m, 10), .. Enumerable.Repeat(0.15m, 10)], totals);
        }
        finally
        {
            await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = false, percent_mode = "full" }).Ok();
        }
    }

    [Fact]
    public async Task Redemptions_list_in_the_order_they_were_made_when_made_at_the_same_instant_C17()
    {
        var scenario = new Scenario(api);
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        try
        {
            string account = (await scenario.Account()).GetProperty("code").GetString()!;
            var codes = Enumerable.Range(0, 8).Select(i => scenario.Code($"ORDER{i}")).ToList();
            foreach (string code in codes)
            {
                await scenario.PercentCoupon(code, 5);
                await api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" }).Created();
            }

            var listed = await api.Business().GetJson($"/api/accounts/{account}/redemptions");

            Assert.Equal(codes, listed.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList());
        }
        finally
        {
            await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = false }).Ok();
        }
    }
}
