using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>R2: limits hold under real concurrency, enforced by the database.</summary>
public sealed class ConcurrencyTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task Fifty_concurrent_redemptions_against_max_redemptions_ten_succeed_exactly_ten_times_R2_C13()
    {
        var scenario = new Scenario(api);
        string code = $"TEN-{scenario.Suffix}";
        var coupon = await scenario.PercentCoupon(code, 10, maxRedemptions: 10);
        var accounts = new List<string>();
        for (int i = 0; i < 50; i++)
        {
            accounts.Add((await scenario.Account(scenario.Code($"race{i}"))).GetProperty("code").GetString()!);
        }

        using var gate = api.Barriers.Arm(accounts.Count);
        var responses = await Task.WhenAll(accounts.Select(account =>
            gate.Through(api.Business()).PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" })));

        Assert.True(gate.AllArrivedTogether, $"only {gate.Arrived} of {accounts.Count} requests were in the host at once");

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, $"unexpected {(int)r.StatusCode}"));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.UnprocessableEntity))
        {
            Assert.Equal("max_redemptions_reached", (await refused.Body()).GetProperty("code").GetString());
        }

        var after = await api.Admin().GetJson($"/api/coupons/{coupon.GetProperty("id").GetString()}");
        Assert.Equal(10, after.GetProperty("times_redeemed").GetInt32());
        Assert.Equal("expired", after.GetProperty("state").GetString());
        Assert.Equal("max_redemptions", after.GetProperty("expire_reason").GetString());
        Assert.Equal(10, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE Code = '{code}'"));
    }

    /// <summary>
    /// Issue 25 item 2 (C6, R2): thirty concurrent redemptions of one coupon without a per-account cap by one account,
    /// with multiple coupons per account on, leave exactly one active redemption; the others are refused as the
    /// per-account limit and count nothing.
    /// </summary>
    [Fact]
    public async Task Thirty_concurrent_redemptions_of_one_uncapped_coupon_by_one_account_leave_exactly_one_active_C6_R2()
    {
        var scenario = new Scenario(api);
        string code = $"SELF-{scenario.Suffix}";
        var coupon = await scenario.PercentCoupon(code, 10);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        try
        {
            using var gate = api.Barriers.Arm(30);
            var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
                gate.Through(api.Business()).PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" })));

            Assert.True(gate.AllArrivedTogether, $"only {gate.Arrived} of 30 requests were in the host at once");
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "max_redemptions_per_account_reached");
            }

            Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE Code = '{code}' AND State = 'active'"));
            Assert.Equal(1, (await api.Admin().GetJson($"/api/coupons/{coupon.GetProperty("id").GetString()}")).GetProperty("times_redeemed").GetInt32());
        }
        finally
        {
            await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = false }).Ok();
        }
    }

    [Fact]
    public async Task Redemptions_racing_a_manual_expiry_are_refused_as_expired_never_as_a_cap_the_coupon_does_not_have_R1_C12()
    {
        var scenario = new Scenario(api);
        string code = $"RACE-EXP-{scenario.Suffix}";
        var coupon = await scenario.PercentCoupon(code, 10);
        var accounts = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            accounts.Add((await scenario.Account(scenario.Code($"exp{i}"))).GetProperty("code").GetString()!);
        }

        using var gate = api.Barriers.Arm(accounts.Count + 1);
        var redemptions = accounts.Select(account =>
            gate.Through(api.Business()).PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" })).ToList();
        var expiry = gate.Through(api.Admin()).PostAsync($"/api/coupons/{coupon.GetProperty("id").GetString()}/expire", null);
        var responses = await Task.WhenAll(redemptions);
        await expiry.Ok();
        Assert.True(gate.AllArrivedTogether, $"only {gate.Arrived} of {accounts.Count + 1} requests were in the host at once");

        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("coupon_expired", (await refused.Body()).GetProperty("code").GetString());
        }

        int created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(created, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE Code = '{code}'"));
    }
}
