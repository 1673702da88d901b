using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 25, item 11: outside Development the OpenAPI document and Swagger UI are served only when
/// <c>Billing:OpenApi:Enabled</c> is true, and then only to the admin role.
/// </summary>
public sealed class ApiDocumentsTests
{
    private static readonly string[] Documents = ["/openapi/v1.json", "/swagger/index.html"];

    [Fact]
    public async Task In_production_the_document_and_the_ui_are_not_served_unless_configured()
    {
        using var api = new HostEnvironmentFactory("Production", HostEnvironmentFactory.Valid());

        foreach (string path in Documents)
        {
            var anonymous = await api.CreateClient().GetAsync(path);
            var admin = await Client(api, BillingApiFactory.AdminToken).GetAsync(path);

            Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        }
    }

    [Fact]
    public async Task In_production_when_configured_the_document_and_the_ui_are_served_to_the_admin_role_only()
    {
        var settings = HostEnvironmentFactory.Valid();
        settings["Billing:OpenApi:Enabled"] = "true";
        using var api = new HostEnvironmentFactory("Production", settings);

        foreach (string path in Documents)
        {
            var anonymous = await api.CreateClient().GetAsync(path);
            var business = await Client(api, BillingApiFactory.BusinessToken).GetAsync(path);
            var admin = await Client(api, BillingApiFactory.AdminToken).GetAsync(path);

            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{path}: anonymous got {(int)anonymous.StatusCode}");
            Assert.True(business.StatusCode == HttpStatusCode.Forbidden, $"{path}: business got {(int)business.StatusCode}");
            Assert.True(admin.StatusCode == HttpStatusCode.OK, $"{path}: admin got {(int)admin.StatusCode}");
        }
    }

    private static HttpClient Client(HostEnvironmentFactory api, string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
