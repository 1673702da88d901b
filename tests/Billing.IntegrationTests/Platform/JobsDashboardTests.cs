using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>The Hangfire dashboard at /hangfire (issue 13): the operator's window on the jobs, admin only in every environment.</summary>
public sealed class JobsDashboardTests
{
    public static TheoryData<string> Environments => new() { "Testing", "Development", "Production" };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task The_dashboard_answers_401_without_credentials_403_to_a_business_token_and_200_to_an_admin(string environment)
    {
        using var api = new BillingApiFactory();
        api.Settings["environment"] = environment;
        if (environment != "Development")
        {
            // Outside Development the host starts only without the test clock and with an idempotency secret (issue 25).
            api.Settings["Billing:TestClock:Enabled"] = "false";
            api.Settings["Billing:Idempotency:Secret"] = HostEnvironmentFactory.Secret;
            api.Settings["Billing:MyAccount:Secret"] = HostEnvironmentFactory.MyAccountSecret;
        }

        var anonymous = await api.Anonymous().GetAsync("/hangfire");
        var wrongToken = await Client(api, "not-a-token").GetAsync("/hangfire");
        var business = await api.Business().GetAsync("/hangfire");
        var admin = await api.Admin().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, business.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("text/html", admin.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_admin_sees_the_four_recurring_jobs_and_a_business_token_cannot_trigger_one()
    {
        using var api = new BillingApiFactory();

        string page = await api.Admin().GetStringAsync("/hangfire/recurring");
        var trigger = await api.Business().PostAsync("/hangfire/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "renewals")]));
        var stats = await api.Business().PostAsync("/hangfire/stats", new FormUrlEncodedContent([]));

        Assert.All(new[] { "renewals", "duration-expiry", "redeem-by-expiry", "housekeeping" }, id => Assert.Contains(id, page, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, trigger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stats.StatusCode);
    }

    private static HttpClient Client(BillingApiFactory api, string token)
    {
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
