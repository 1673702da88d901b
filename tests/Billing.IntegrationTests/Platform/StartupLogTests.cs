using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// An operator reads the first start's log for what went wrong, so a healthy first start on an empty database logs no
/// error: EF Core logged its read of a history table not yet created as <c>Failed executing DbCommand</c>, seven times
/// on PostgreSQL (issue 19, dotnet/efcore#35690), until each module's history table is created before it migrates.
/// </summary>
public sealed class StartupLogTests
{
    [Fact]
    public async Task A_first_start_on_an_empty_database_migrates_every_module_and_logs_no_error()
    {
        var logs = new CardDataTests.CapturingLoggerProvider();
        using var empty = new BillingApiFactory();
        using var host = empty.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Information");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        });

        var health = await host.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(logs.Messages, m => m.StartsWith("Microsoft.EntityFrameworkCore.Migrations ", StringComparison.Ordinal));
        var errors = logs.Messages
            .Where(m => m.Split(' ', 3) is [_, nameof(LogLevel.Error) or nameof(LogLevel.Critical), _])
            .ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
