using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 21: the load test's ceiling endpoints exist only when <c>Billing:Benchmarks:CeilingEndpoints</c> is on, sit
/// behind the same authentication as the real ones, and hold the same rules with their plain statements: the coupon's
/// cap and the per-account cap (R2, C6, C13), one active redemption per account without a per-account cap (issue 25
/// item 2), one sale per (type, externalId) with every repeat logged (T3, T4).
/// </summary>
public sealed class CeilingEndpointTests
{
    private const string Redemptions = "/api/benchmarks/ceiling/accounts/{0}/redemptions";
    private const string Sales = "/api/benchmarks/ceiling/tracking/conversions";

    [Fact]
    public async Task Without_the_switch_a_host_has_no_ceiling_route()
    {
        using var api = new BillingApiFactory();
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string code = scenario.Code("CEIL").ToUpperInvariant();
        await scenario.PercentCoupon(code, 10);

        var redemption = await api.Business().PostJson(string.Format(Redemptions, account), new { coupon_code = code, currency = "USD" });
        var sale = await api.Business().PostAsJsonAsync(Sales, new { cid = "cid_x", conversionTypeCode = "sale", externalId = "ch_1" }, TrackingHttp.CamelCase);

        Assert.Equal(HttpStatusCode.NotFound, redemption.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sale.StatusCode);
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM coupons_redemptions"));
    }

    [Fact]
    public async Task With_the_switch_the_redemption_ceiling_holds_both_caps_and_answers_as_the_endpoint_R2_C6_C13()
    {
        using var api = Switched();
        var scenario = new Scenario(api);
        await api.Admin().PutJson("/api/settings/coupons", new { multiple_coupons_per_account = true }).Ok();
        string[] accounts = [.. await Task.WhenAll(Enumerable.Range(0, 6).Select(async i => (await scenario.Account(scenario.Code($"acct{i}"))).GetProperty("code").GetString()!))];
        string capped = scenario.Code("CAPPED").ToUpperInvariant();
        var coupon = await api.Admin().PostJson("/api/coupons", new { code = capped, name = "capped", discount = new { type = "percent", percent = 10 }, max_redemptions = 5, max_redemptions_per_account = 2 }).Created();
        string once = scenario.Code("ONCE").ToUpperInvariant();
        await scenario.PercentCoupon(once, 10);

        var anonymous = await api.Anonymous().PostJson(string.Format(Redemptions, accounts[0]), new { coupon_code = capped, currency = "USD" });
        var first = await api.Business().PostJson(string.Format(Redemptions, accounts[0]), new { coupon_code = capped, currency = "USD" }).Created();
        var answers = await Task.WhenAll(accounts.SelectMany(account => Enumerable.Repeat(account, 4)).Select(account =>
            api.Business().PostJson(string.Format(Redemptions, account), new { coupon_code = capped, currency = "USD" })));
        var onceFirst = await api.Business().PostJson(string.Format(Redemptions, accounts[1]), new { coupon_code = once, currency = "USD" }).Created();
        var onceAgain = await api.Business().PostJson(string.Format(Redemptions, accounts[1]), new { coupon_code = once, currency = "USD" });
        var unknown = await api.Business().PostJson(string.Format(Redemptions, accounts[1]), new { coupon_code = "NO-SUCH-CODE", currency = "USD" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(capped, first.GetProperty("code").GetString());
        Assert.Equal(accounts[0], first.GetProperty("account_code").GetString());
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            var problem = await refused.Body();
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains(problem.GetProperty("code").GetString(), new[] { "max_redemptions_reached", "max_redemptions_per_account_reached" });
        }

        var stored = await api.Business().GetJson($"/api/coupons/{coupon.GetProperty("id").GetString()}");
        var listed = (await api.Business().GetJson($"/api/coupons/{coupon.GetProperty("id").GetString()}/redemptions?limit=200")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(5, stored.GetProperty("times_redeemed").GetInt32());
        Assert.Equal("expired", stored.GetProperty("state").GetString());
        Assert.Equal(5, listed.Count);
        Assert.All(listed.GroupBy(r => r.GetProperty("account_code").GetString()), g => Assert.InRange(g.Count(), 1, 2));
        Assert.Equal(once, onceFirst.GetProperty("code").GetString());
        await onceAgain.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "max_redemptions_per_account_reached");
        await unknown.ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        await (await api.Business().PostJson($"/api/accounts/{accounts[5]}/redemptions", new { coupon_code = capped, currency = "USD" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "max_redemptions_reached");
    }

    [Fact]
    public async Task With_the_switch_the_sale_ceiling_records_one_sale_per_external_id_and_logs_each_repeat_T3_T4()
    {
        using var api = Switched();
        string cid = await api.RedeemCid("CEILSALE");
        var sale = new { cid, conversionTypeCode = "sale", amount = new { value = "100.5" }, externalId = $"ch_{Guid.NewGuid():N}", customerId = "cus_1" };

        var recorded = await api.Business().PostAsJsonAsync(Sales, sale, TrackingHttp.CamelCase).Created();
        var repeats = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.Business().PostAsJsonAsync(Sales, sale, TrackingHttp.CamelCase)));
        var unknownCid = await api.Business().PostAsJsonAsync(Sales, sale with { cid = "cid_unknown" }, TrackingHttp.CamelCase);
        var invalid = await api.Business().PostAsJsonAsync(Sales, new { cid, conversionTypeCode = "sale", status = "NOT_A_STATUS" }, TrackingHttp.CamelCase);

        Assert.Equal(cid, recorded.GetProperty("cid").GetString());
        Assert.Equal("100.5", recorded.GetProperty("amount").GetProperty("value").GetString());
        var errorIds = new List<string>();
        foreach (var repeat in repeats)
        {
            var problem = await repeat.Body();
            Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
            Assert.Equal("duplicate_external_id", problem.GetProperty("code").GetString());
            Assert.Equal(recorded.GetProperty("id").GetString(), problem.GetProperty("existingConversionId").GetString());
            errorIds.Add(problem.GetProperty("errorId").GetString()!);
        }

        await unknownCid.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown_cid");
        await invalid.AssertProblem(HttpStatusCode.BadRequest, "validation_failed");
        var stored = (await api.Business().GetJson($"/api/tracking/conversions?cid={cid}&type=sale")).GetProperty("data").EnumerateArray().ToList();
        var logged = (await api.Business().GetJson("/api/tracking/errors?limit=200")).GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(recorded.GetProperty("id").GetString(), Assert.Single(stored).GetProperty("id").GetString());
        Assert.Equal(errorIds.Order(), logged.Order());
    }

    private static BillingApiFactory Switched()
    {
        var api = new BillingApiFactory();
        api.Settings["Billing:Benchmarks:CeilingEndpoints"] = "true";
        return api;
    }
}
