using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 25, items 9 and 10: idempotency keys are scoped by the authenticated principal, replay the headers that
/// matter, never keep a refusal of a request that did not run, and are stored as a keyed hash of the principal's id.
/// </summary>
public sealed class IdempotencyScopeTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    /// <summary>appsettings.Development.json's secret: the integration host runs in Development.</summary>
    private const string DevelopmentSecret = "development-only-idempotency-secret-never-use-in-production";

    private Task<HttpResponseMessage> Send(string authorization, string url, HttpContent content, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        return api.CreateClient().SendAsync(request);
    }

    private static JsonContent Coupon(string code) =>
        JsonContent.Create(new { code, name = "once", discount = new { type = "percent", percent = 10 } }, options: BillingApiFactory.Json);

    [Fact]
    public async Task One_key_sent_with_the_header_spelled_three_ways_runs_once_and_is_replayed_twice()
    {
        var scenario = new Scenario(api);
        string code = $"SPELL-{scenario.Suffix}";
        string key = $"spell-{scenario.Suffix}";

        var responses = new List<HttpResponseMessage>();
        foreach (string spelling in new[] { "Bearer {0}", "bearer {0}", "BEARER   {0}  " })
        {
            responses.Add(await Send(string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, BillingApiFactory.AdminToken), "/api/coupons", Coupon(code), key));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.False(responses[0].Headers.Contains("Idempotent-Replayed"));
        Assert.All(responses.Skip(1), r => Assert.Equal("true", r.Headers.GetValues("Idempotent-Replayed").Single()));
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM coupons_coupons WHERE Code = '{code}'"));
    }

    [Fact]
    public async Task A_replayed_creation_keeps_its_status_body_location_and_content_type()
    {
        var scenario = new Scenario(api);
        string code = $"LOC-{scenario.Suffix}";
        string key = $"loc-{scenario.Suffix}";

        var first = await Send($"Bearer {BillingApiFactory.AdminToken}", "/api/coupons", Coupon(code), key);
        var replay = await Send($"Bearer {BillingApiFactory.AdminToken}", "/api/coupons", Coupon(code), key);

        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.StatusCode, replay.StatusCode);
        Assert.NotNull(first.Headers.Location);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType, replay.Content.Headers.ContentType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_415_is_not_stored_so_the_retry_with_the_right_content_type_runs()
    {
        var scenario = new Scenario(api);
        string code = $"MEDIA-{scenario.Suffix}";
        string key = $"media-{scenario.Suffix}";
        string json = $$$"""{"code":"{{{code}}}","name":"once","discount":{"type":"percent","percent":10}}""";

        var refused = await Send($"Bearer {BillingApiFactory.AdminToken}", "/api/coupons", new StringContent(json, Encoding.UTF8, "text/plain"), key);
        var corrected = await Send($"Bearer {BillingApiFactory.AdminToken}", "/api/coupons", new StringContent(json, Encoding.UTF8, "application/json"), key);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.False(corrected.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_400_is_not_stored_so_the_corrected_retry_with_the_same_key_runs()
    {
        var scenario = new Scenario(api);
        string code = $"FIX-{scenario.Suffix}";
        string key = $"fix-{scenario.Suffix}";
        var invalid = JsonContent.Create(new { code, name = "once", discount = new { type = "percent", percent = 500 } }, options: BillingApiFactory.Json);

        var refused = await Send($"Bearer {BillingApiFactory.AdminToken}", "/api/coupons", invalid, key);
        var corrected = await Send($"Bearer {BillingApiFactory.AdminToken}", "/api/coupons", Coupon(code), key);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task The_table_holds_an_hmac_of_the_principal_s_id_never_a_hash_of_the_token()
    {
        var scenario = new Scenario(api);
        string key = $"rest-{scenario.Suffix}";
        await Send($"Bearer {BillingApiFactory.AdminToken}", "/api/coupons", Coupon($"REST-{scenario.Suffix}"), key);

        string stored = StoredKeyEndingWith(":" + key);

        string tokenHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"Bearer {BillingApiFactory.AdminToken}")));
        string principalHmac = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DevelopmentSecret), Encoding.UTF8.GetBytes("admin-token-1")));
        Assert.DoesNotContain(tokenHash, stored, StringComparison.Ordinal);
        Assert.Equal($"{principalHmac}:{key}", stored);
    }

    private string StoredKeyEndingWith(string suffix) =>
        Assert.Single(api.Rows("SELECT Key FROM platform_idempotency_keys"), key => key.EndsWith(suffix, StringComparison.Ordinal));
}
