using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 8: idempotency keys on state-changing requests (Stripe's convention).</summary>
public sealed class IdempotencyTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private static HttpRequestMessage Post(string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: BillingApiFactory.Json) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task A_retried_request_replays_the_first_response_and_has_one_effect()
    {
        var scenario = new Scenario(api);
        string code = $"IDEM-{scenario.Suffix}";
        var body = new { code, name = "once", discount = new { type = "percent", percent = 10 } };

        var first = await api.Admin().SendAsync(Post("/api/coupons", body, $"key-{scenario.Suffix}"));
        var retry = await api.Admin().SendAsync(Post("/api/coupons", body, $"key-{scenario.Suffix}"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM coupons_coupons WHERE Code = '{code}'"));
    }

    [Fact]
    public async Task A_refusal_is_replayed_too_so_a_retry_never_turns_it_into_a_success()
    {
        var scenario = new Scenario(api);
        var account = (await scenario.Account()).GetProperty("code").GetString()!;
        var body = new { coupon_code = $"LATER-{scenario.Suffix}", currency = "USD" };

        var first = await api.Business().SendAsync(Post($"/api/accounts/{account}/redemptions", body, $"r-{scenario.Suffix}"));
        await scenario.PercentCoupon($"LATER-{scenario.Suffix}", 10);
        var retry = await api.Business().SendAsync(Post($"/api/accounts/{account}/redemptions", body, $"r-{scenario.Suffix}"));

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM coupons_redemptions WHERE AccountCode = '{account}'"));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_idempotency_key_reused()
    {
        var scenario = new Scenario(api);
        string key = $"k-{scenario.Suffix}";
        await api.Admin().SendAsync(Post("/api/coupons", new { code = $"A-{scenario.Suffix}", name = "a", discount = new { type = "percent", percent = 10 } }, key));

        var reused = await api.Admin().SendAsync(Post("/api/coupons", new { code = $"B-{scenario.Suffix}", name = "b", discount = new { type = "percent", percent = 10 } }, key));

        await reused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM coupons_coupons WHERE Code = 'B-{scenario.Suffix}'"));
    }

    [Fact]
    public async Task Twenty_concurrent_requests_with_one_key_have_exactly_one_effect()
    {
        var scenario = new Scenario(api);
        string code = $"RACE-{scenario.Suffix}";
        var body = new { code, name = "race", discount = new { type = "percent", percent = 10 } };

        using var gate = api.Barriers.Arm(20);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gate.Through(api.Admin()).SendAsync(Post("/api/coupons", body, $"race-{scenario.Suffix}"))));

        Assert.True(gate.AllArrivedTogether, $"only {gate.Arrived} of 20 requests were in the host at once");

        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM coupons_coupons WHERE Code = '{code}'"));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"unexpected {(int)r.StatusCode}"));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.ShouldBeProblem(HttpStatusCode.Conflict, "idempotency_key_in_progress");
        }

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller_and_expire_after_24_hours()
    {
        var scenario = new Scenario(api);
        string key = $"shared-{scenario.Suffix}";
        var asAdmin = await api.Admin().SendAsync(Post("/api/accounts", new { code = scenario.Code("a1"), email = "a@b.co", country = "FR" }, key));
        var asBusiness = await api.Business().SendAsync(Post("/api/accounts", new { code = scenario.Code("a2"), email = "a@b.co", country = "FR" }, key));
        var now = (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        await api.Admin().PostJson("/api/test-clock", new { now = now.AddHours(25) }).Ok();
        var afterExpiry = await api.Admin().SendAsync(Post("/api/accounts", new { code = scenario.Code("a3"), email = "a@b.co", country = "FR" }, key));

        Assert.Equal(HttpStatusCode.Created, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Created, asBusiness.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterExpiry.StatusCode);
        Assert.False(afterExpiry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_refused_and_nothing_happens()
    {
        var scenario = new Scenario(api);

        var response = await api.Admin().SendAsync(Post("/api/coupons", new { code = $"LONG-{scenario.Suffix}", name = "x", discount = new { type = "percent", percent = 10 } }, new string('k', 256)));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "invalid_idempotency_key");
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM coupons_coupons WHERE Code = 'LONG-{scenario.Suffix}'"));
    }
}
