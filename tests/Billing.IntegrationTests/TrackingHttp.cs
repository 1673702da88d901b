using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Seed 000's camelCase calls and the Tracking set-up the tests share.</summary>
internal static class TrackingHttp
{
    public static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    public static Task<HttpResponseMessage> PostConversion(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/tracking/conversions", body, CamelCase);

    public static Task<HttpResponseMessage> PostConversionJson(this HttpClient client, string json, string contentType = "application/json") =>
        client.PostAsync("/api/tracking/conversions", new StringContent(json, Encoding.UTF8, contentType));

    /// <summary>T1: couponredeem is created before use; creating it again is a 409 the tests do not mind.</summary>
    public static async Task CouponRedeemTypeExists(this BillingApiFactory api)
    {
        var response = await api.Admin().PostJson("/api/tracking/conversion-types", new { code = "couponredeem", name = "Coupon redeem" });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"couponredeem type: {(int)response.StatusCode}");
    }

    /// <summary>Seed 000's first call: the couponredeem conversion that answers a cid (T2).</summary>
    public static async Task<string> RedeemCid(this BillingApiFactory api, string couponCode)
    {
        await api.CouponRedeemTypeExists();
        var redeemed = await api.Business().PostConversion(new
        {
            couponCode,
            status = "CONVERSION_STATUS_APPROVED",
            conversionTypeCode = "couponredeem",
            geoLocation = "US",
        }).Created();
        return redeemed.GetProperty("cid").GetString()!;
    }

    public static async Task AssertProblem(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
