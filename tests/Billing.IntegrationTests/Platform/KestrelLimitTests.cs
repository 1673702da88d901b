using System.Net;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 14: what Kestrel refuses before any middleware runs answers problem details too. Only a real socket shows
/// it (the in-memory test server has no request-line or header limits).
/// </summary>
public sealed class KestrelLimitTests : IDisposable
{
    private readonly KestrelHost host = KestrelHost.Start();

    public void Dispose() => host.Dispose();

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_path_of_100000_characters_answers_414_with_problem_details() =>
        await AssertProblem(await host.Client(BillingApiFactory.AdminToken).GetAsync("api/coupons/" + new string('a', 100_000)), HttpStatusCode.RequestUriTooLong, "uri_too_long");

    [Fact]
    public async Task A_query_of_100000_characters_answers_414_with_problem_details() =>
        await AssertProblem(await host.Client(BillingApiFactory.AdminToken).GetAsync("api/coupons?q=" + new string('q', 100_000)), HttpStatusCode.RequestUriTooLong, "uri_too_long");

    [Fact]
    public async Task A_header_of_70_KB_answers_431_with_problem_details()
    {
        using var client = host.Client(BillingApiFactory.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/coupons");
        request.Headers.Add("X-Padding", new string('h', 70_000));

        await AssertProblem(await client.SendAsync(request), (HttpStatusCode)431, "request_header_fields_too_large");
    }

    [Fact]
    public async Task A_request_within_the_limits_is_served_over_the_socket() =>
        Assert.Equal(HttpStatusCode.OK, (await host.Client(BillingApiFactory.AdminToken).GetAsync("api/coupons?q=" + new string('q', 4_000))).StatusCode);
}
