using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 25, item 8: outside Development the host refuses to start with the test clock or a development token, and
/// in any environment without an idempotency secret; the start-up error says why.
/// </summary>
public sealed class EnvironmentGuardTests
{
    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    [InlineData("Testing")]
    public void The_test_clock_is_refused_in_every_environment_but_development(string environment)
    {
        var settings = HostEnvironmentFactory.Valid();
        settings["Billing:TestClock:Enabled"] = "true";

        string reason = StartFailure(environment, settings);

        Assert.Contains($"'{environment}' environment", reason, StringComparison.Ordinal);
        Assert.Contains("Billing:TestClock:Enabled is true", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Staging", "Auth:AdminTokens:1", "dev-admin-token")]
    [InlineData("Staging", "Auth:BusinessTokens:1", "dev-business-token")]
    [InlineData("Production", "Auth:BusinessTokens:0", "dev-business-token")]
    public void A_development_token_is_refused_in_every_environment_but_development(string environment, string key, string token)
    {
        var settings = HostEnvironmentFactory.Valid();
        settings[key] = token;

        string reason = StartFailure(environment, settings);

        Assert.Contains("development tokens", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    public void A_host_without_an_idempotency_secret_of_32_characters_refuses_to_start(string? secret)
    {
        var settings = HostEnvironmentFactory.Valid();
        settings.Remove("Billing:Idempotency:Secret");
        if (secret is not null)
        {
            settings["Billing:Idempotency:Secret"] = secret;
        }

        string reason = StartFailure("Production", settings);

        Assert.Contains("Billing:Idempotency:Secret is not set", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staging_host_with_its_own_tokens_and_secret_and_no_test_clock_starts()
    {
        using var api = new HostEnvironmentFactory("Staging", HostEnvironmentFactory.Valid());

        var health = await api.CreateClient().GetAsync("/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    private static string StartFailure(string environment, Dictionary<string, string> settings)
    {
        using var api = new HostEnvironmentFactory(environment, settings);
        return Assert.ThrowsAny<Exception>(() => api.Services).GetBaseException().Message;
    }
}
