using System.Net;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>What the host serves besides the API: health, the OpenAPI document with API.md's paths, and its UI.</summary>
public sealed class HostSurfaceTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task Health_answers_healthy()
    {
        var response = await api.Anonymous().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/coupons")]
    [InlineData("/api/coupons/{id}")]
    [InlineData("/api/coupons/{id}/redemptions")]
    [InlineData("/api/accounts")]
    [InlineData("/api/accounts/{code}")]
    [InlineData("/api/accounts/{code}/redemptions")]
    [InlineData("/api/plans")]
    [InlineData("/api/plans/{code}")]
    [InlineData("/api/subscriptions")]
    [InlineData("/api/subscriptions/{id}")]
    [InlineData("/api/invoices")]
    [InlineData("/api/invoices/{number}")]
    [InlineData("/api/invoices/{number}/text")]
    [InlineData("/api/invoices/preview")]
    [InlineData("/api/bill-runs")]
    [InlineData("/api/tracking/conversion-types")]
    [InlineData("/api/tracking/conversions")]
    [InlineData("/api/tracking/revenue-origins")]
    [InlineData("/api/tracking/conversions/{externalId}")]
    [InlineData("/api/tracking/errors")]
    [InlineData("/api/tracking/report")]
    public async Task The_openapi_document_lists_the_paths_of_the_contract(string path)
    {
        var document = await api.Anonymous().GetJson("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out _), $"{path} is missing from /openapi/v1.json");
    }

    [Fact]
    public async Task The_swagger_ui_is_served()
    {
        var response = await api.Anonymous().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
