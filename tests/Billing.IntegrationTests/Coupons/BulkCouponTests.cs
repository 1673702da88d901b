using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 3: bulk coupons and their unique codes (C16) through HTTP.</summary>
public sealed class BulkCouponTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private async Task<(string Id, string Code)> BulkCoupon(Scenario scenario, string template = "'SUMMER-'xx99**")
    {
        string code = $"BULK-{scenario.Suffix}";
        var coupon = await api.Admin().PostJson("/api/coupons", new
        {
            code,
            name = "Summer bulk",
            discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 5m } } },
            coupon_type = "bulk",
            unique_code_template = template,
        }).Created();
        return (coupon.GetProperty("id").GetString()!, code);
    }

    private async Task<List<string>> Generate(string couponId, int count) =>
        (await api.Admin().PostJson($"/api/coupons/{couponId}/codes", new { count }).Created())
            .GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();

    private Task<HttpResponseMessage> Redeem(string account, string code) =>
        api.Business().PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" });

    [Fact]
    public async Task Ten_thousand_codes_generated_in_one_call_are_distinct_follow_the_template_and_are_stored_C16()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario);

        var codes = await Generate(id, 10_000);

        Assert.Equal(10_000, codes.Count);
        Assert.Equal(10_000, codes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(codes, c => Assert.Matches(new Regex("^SUMMER-[A-Z]{2}[0-9]{2}[A-Z0-9]{2}$"), c));
        Assert.Equal(10_000, api.Scalar($"SELECT COUNT(*) FROM coupons_unique_codes WHERE CouponId = '{id}' AND State = 'redeemable'"));
    }

    [Fact]
    public async Task Every_code_of_a_coupon_with_more_than_ten_thousand_is_reachable_page_by_page_issue_16()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario);
        var generated = (await Generate(id, 10_000)).Concat(await Generate(id, 7)).ToHashSet(StringComparer.Ordinal);

        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.Business().GetJson($"/api/coupons/{id}/codes?limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            listed.AddRange(page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
            cursor = page.GetProperty("has_more").GetBoolean() ? page.GetProperty("next_cursor").GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(10_007, listed.Count);
        Assert.True(generated.SetEquals(listed));
    }

    [Fact]
    public async Task Later_generations_never_repeat_a_code_issued_before_C16()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario, "'T'99");

        var first = await Generate(id, 30);
        var second = await Generate(id, 20);
        var exhausted = await api.Admin().PostJson($"/api/coupons/{id}/codes", new { count = 51 });

        Assert.Empty(first.Intersect(second));
        await exhausted.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "template_exhausted");
        Assert.Equal(50, api.Scalar($"SELECT COUNT(*) FROM coupons_unique_codes WHERE CouponId = '{id}'"));
    }

    [Fact]
    public async Task A_template_of_ten_possible_codes_generates_all_ten_on_a_fresh_coupon_and_then_shows_none_left_C16()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario, $"'TEN{scenario.Suffix}-'9");
        Assert.Equal(10, (await api.Business().GetJson($"/api/coupons/{id}")).GetProperty("unique_codes_remaining").GetInt64());

        var codes = await Generate(id, 10);

        Assert.Equal(Enumerable.Range(0, 10).Select(d => $"TEN{scenario.Suffix.ToUpperInvariant()}-{d}"), codes.Order(StringComparer.Ordinal));
        Assert.Equal(0, (await api.Business().GetJson($"/api/coupons/{id}")).GetProperty("unique_codes_remaining").GetInt64());
        await (await api.Admin().PostJson($"/api/coupons/{id}/codes", new { count = 1 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "template_exhausted");
    }

    [Fact]
    public async Task Whatever_a_coupon_shows_it_can_still_produce_one_request_generates_C16()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario, $"'R{scenario.Suffix}-'99");
        await Generate(id, 55);
        long remaining = (await api.Business().GetJson($"/api/coupons/{id}")).GetProperty("unique_codes_remaining").GetInt64();

        var rest = await Generate(id, (int)remaining);

        Assert.Equal(45, remaining);
        Assert.Equal(45, rest.Count);
        Assert.Equal(100, api.Scalar($"SELECT COUNT(DISTINCT NormalizedCode) FROM coupons_unique_codes WHERE CouponId = '{id}'"));
        Assert.Contains((await api.Business().GetJson($"/api/coupons?q=BULK-{scenario.Suffix}")).GetProperty("data").EnumerateArray(), c => c.GetProperty("id").GetString() == id && c.GetProperty("unique_codes_remaining").GetInt64() == 0);
        Assert.Equal(JsonValueKind.Null, (await scenario.PercentCoupon($"SINGLE-{scenario.Suffix}", 5)).GetProperty("unique_codes_remaining").ValueKind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task A_generation_outside_one_to_ten_thousand_codes_is_refused_C16(int count)
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario);

        await (await api.Admin().PostJson($"/api/coupons/{id}/codes", new { count })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM coupons_unique_codes WHERE CouponId = '{id}'"));
    }

    [Fact]
    public async Task A_single_code_coupon_has_no_unique_codes_C16()
    {
        var scenario = new Scenario(api);
        var coupon = await scenario.PercentCoupon($"SINGLE-{scenario.Suffix}", 5);

        await (await api.Admin().PostJson($"/api/coupons/{coupon.GetProperty("id").GetString()}/codes", new { count = 5 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "not_a_bulk_coupon");
    }

    [Fact]
    public async Task A_unique_code_is_redeemed_once_and_a_used_one_answers_exactly_like_an_unknown_code_C16_R1()
    {
        var scenario = new Scenario(api);
        var (id, bulkCode) = await BulkCoupon(scenario);
        string code = (await Generate(id, 3))[0];
        string first = (await scenario.Account(scenario.Code("first"))).GetProperty("code").GetString()!;
        string second = (await scenario.Account(scenario.Code("second"))).GetProperty("code").GetString()!;

        var redeemed = await Redeem(first, code.ToLowerInvariant()).Created();
        var again = await Redeem(second, code);
        var viaBulkCode = await Redeem(second, bulkCode);

        Assert.Equal(code, redeemed.GetProperty("code").GetString());
        Assert.Equal(id, redeemed.GetProperty("coupon_id").GetString());
        var unknown = await Redeem(second, $"SUMMER-NOPE{scenario.Suffix[..4]}");
        var usedProblem = await again.ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        var unknownProblem = await unknown.ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        Assert.Equal(unknownProblem.GetProperty("title").GetString(), usedProblem.GetProperty("title").GetString());
        await viaBulkCode.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "unique_code_required");
        var codes = await api.Business().GetJson($"/api/coupons/{id}/codes?state=redeemed");
        var used = Assert.Single(codes.GetProperty("data").EnumerateArray());
        Assert.Equal(redeemed.GetProperty("id").GetString(), used.GetProperty("redemption_id").GetString());
        Assert.Equal(1, api.Scalar($"SELECT TimesRedeemed FROM coupons_coupons WHERE Id = '{id}'"));
    }

    [Fact]
    public async Task Twenty_concurrent_redemptions_of_one_unique_code_succeed_exactly_once_R2_C16()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario);
        string code = (await Generate(id, 1))[0];
        var accounts = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            accounts.Add((await scenario.Account(scenario.Code($"u{i}"))).GetProperty("code").GetString()!);
        }

        var responses = await Task.WhenAll(accounts.Select(a => Redeem(a, code)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.NotFound, $"unexpected {(int)r.StatusCode}"));
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE Code = '{code}'"));
    }

    [Fact]
    public async Task One_unique_code_is_expired_and_restored_on_its_own_C16()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario);
        var codes = await Generate(id, 2);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;

        var expired = await api.Admin().PostAsync($"/api/coupons/{id}/codes/{codes[0]}/expire", null).Ok();
        var refused = await Redeem(account, codes[0]);
        var listed = await api.Business().GetJson($"/api/coupons/{id}/codes?state=expired");
        var restored = await api.Admin().PostAsync($"/api/coupons/{id}/codes/{codes[0]}/restore", null).Ok();
        await Redeem(account, codes[0]).Created();
        var redeemedCannotExpire = await api.Admin().PostAsync($"/api/coupons/{id}/codes/{codes[0]}/expire", null);
        var unknown = await api.Admin().PostAsync($"/api/coupons/{id}/codes/NOPE-{scenario.Suffix}/expire", null);

        Assert.Equal("expired", expired.GetProperty("state").GetString());
        await refused.ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        Assert.Equal([codes[0]], listed.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal("redeemable", restored.GetProperty("state").GetString());
        await redeemedCannotExpire.ShouldBeProblem(HttpStatusCode.Conflict, "unique_code_not_redeemable");
        await unknown.ShouldBeProblem(HttpStatusCode.NotFound, "unique_code_not_found");
        Assert.Equal("redeemable", (await api.Business().GetJson($"/api/coupons/{id}/codes?state=redeemable")).GetProperty("data").EnumerateArray().Single().GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_code_equal_to_a_unique_code_cannot_be_taken_by_a_new_coupon_C1()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario);
        string code = (await Generate(id, 1))[0];

        var response = await api.Admin().PostJson("/api/coupons", new { code = code.ToLowerInvariant(), name = "clash", discount = new { type = "percent", percent = 5 } });

        await response.ShouldBeProblem(HttpStatusCode.Conflict, "code_taken");
    }

    [Fact]
    public async Task The_code_listing_validates_its_filters()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario);

        await (await api.Business().GetAsync($"/api/coupons/{id}/codes?state=lost")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().GetAsync($"/api/coupons/{id}/codes?limit=0")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().GetAsync($"/api/coupons/coupon_none_{scenario.Suffix}/codes")).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        Assert.Equal(JsonValueKind.Array, (await api.Business().GetJson($"/api/coupons/{id}/codes")).GetProperty("data").ValueKind);
        await (await api.Business().GetAsync($"/api/coupons/{id}/codes?limit=201")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.Business().GetAsync($"/api/coupons/{id}/codes?cursor=SUMMER-AB12CD")).ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Fact]
    public async Task A_bulk_coupon_whose_codes_are_all_redeemed_stays_redeemable_and_takes_new_codes_C16()
    {
        var scenario = new Scenario(api);
        var (id, _) = await BulkCoupon(scenario);
        var codes = await Generate(id, 2);
        for (int i = 0; i < codes.Count; i++)
        {
            string account = (await scenario.Account(scenario.Code($"all{i}"))).GetProperty("code").GetString()!;
            await Redeem(account, codes[i]).Created();
        }

        var coupon = await api.Business().GetJson($"/api/coupons/{id}");
        var more = await Generate(id, 1);
        string late = (await scenario.Account(scenario.Code("late"))).GetProperty("code").GetString()!;

        Assert.Equal("redeemable", coupon.GetProperty("state").GetString());
        Assert.Equal(2, coupon.GetProperty("times_redeemed").GetInt32());
        Assert.Equal(0, (await api.Business().GetJson($"/api/coupons/{id}/codes?state=redeemable")).GetProperty("data").GetArrayLength() - 1);
        await Redeem(late, more[0]).Created();
    }
}
