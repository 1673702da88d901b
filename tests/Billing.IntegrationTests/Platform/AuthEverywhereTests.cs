using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 8: every endpoint of the OpenAPI document answers 401 without a token, and 403 to a business token when it
/// is an admin operation (the admin policy in the endpoint's metadata).
/// </summary>
public sealed class AuthEverywhereTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private async Task<List<(string Method, string Path)>> OpenApiOperations()
    {
        var document = await api.Anonymous().GetJson("/openapi/v1.json");
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name.ToUpperInvariant(), path.Name)))
            .ToList();
    }

    private static string Concrete(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", m => m.Value == "{number}" ? "1" : "x");

    private bool IsAdminOperation(string method, string path)
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var endpoint = endpoints.Single(e =>
            "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/').Replace(":long", string.Empty, StringComparison.Ordinal).TrimEnd('/') == path.TrimEnd('/')
            && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) ?? false));
        return endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == "admin");
    }

    [Fact]
    public async Task Every_operation_of_the_openapi_document_answers_401_without_a_token()
    {
        var operations = await OpenApiOperations();
        Assert.True(operations.Count >= 35, $"only {operations.Count} operations documented");

        foreach (var (method, path) in operations.Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var response = await api.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(path)));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} without a token");
            await response.ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task Every_admin_operation_answers_403_to_a_business_token_and_the_others_let_it_in()
    {
        var operations = (await OpenApiOperations()).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        var admin = operations.Where(o => IsAdminOperation(o.Method, o.Path)).ToList();
        Assert.Contains(("POST", "/api/coupons"), admin);
        Assert.Contains(("POST", "/api/bill-runs"), admin);
        Assert.Contains(("PUT", "/api/settings/coupons"), admin);

        foreach (var (method, path) in operations)
        {
            var response = await api.Business().SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(path)));
            if (admin.Contains((method, path)))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode} to a business token");
            }
            else
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized), $"{method} {path} refused a business token");
            }
        }
    }
}
