using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Billing.IntegrationTests;

/// <summary>
/// The real host in an environment other than Development (Staging, Production), configured only by the given
/// settings on top of appsettings.json: for the guards and surfaces that depend on the environment (issue 25).
/// </summary>
internal sealed class HostEnvironmentFactory(string environment, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    public const string Secret = "a-test-idempotency-secret-of-at-least-32-characters";

    public const string MyAccountSecret = "a-test-my-account-link-secret-of-at-least-32-characters";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "billing-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The settings a production host needs to start: tokens of its own and an idempotency secret.</summary>
    public static Dictionary<string, string> Valid() => new()
    {
        ["Auth:AdminTokens:0"] = BillingApiFactory.AdminToken,
        ["Auth:BusinessTokens:0"] = BillingApiFactory.BusinessToken,
        ["Billing:Idempotency:Secret"] = Secret,
        ["Billing:MyAccount:Secret"] = MyAccountSecret,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Billing:DataDirectory", dataDirectory);
        foreach (string job in BillingApiFactory.Jobs)
        {
            builder.UseSetting($"Billing:Jobs:{job}:Cron", BillingApiFactory.NeverCron);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
