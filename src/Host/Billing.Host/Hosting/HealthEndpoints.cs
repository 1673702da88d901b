using System.Text.Json;
using Billing.BuildingBlocks.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Billing.Host.Hosting;

/// <summary>
/// Health (issue 23): <c>/health/live</c> (and <c>/health</c>, the cheap one the load tests measure) answers 200 while
/// the process serves HTTP at all; <c>/health/ready</c> answers 200 only when the database answers with its schema
/// current and the job server is running, otherwise 503 with each failing check's reason. The host listens only after
/// its migrations ran, so nothing is ever answered from an unmigrated database.
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddBillingHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<JobServerHealthCheck>("job_server", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapBillingHealthChecks(this WebApplication app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false };
        app.MapHealthChecks("/health", live);
        app.MapHealthChecks("/health/live", live);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReportAsync });
        return app;
    }

    /// <summary><c>{"status": "Unhealthy", "checks": {"database": {"status": "Healthy", "description": "…"}, …}}</c>.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description ?? entry.Value.Exception?.Message }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

/// <summary>Ready when the database answers a query and no module has a migration left to apply.</summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var pending = new List<string>();
            foreach (var migrator in scope.ServiceProvider.GetServices<IModuleMigrator>())
            {
                pending.AddRange(await migrator.PendingAsync(cancellationToken));
            }

            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database answers and its schema is current.")
                : HealthCheckResult.Unhealthy($"Migrations not applied: {string.Join(", ", pending)}.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The database does not answer: {exception.Message}");
        }
    }
}

/// <summary>Ready when a Hangfire server of this host has announced itself in the job store with a recent heartbeat.</summary>
internal sealed class JobServerHealthCheck(JobStorage storage) : IHealthCheck
{
    private static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Hangfire stamps heartbeats with the machine's clock, which the test clock does not move.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var servers = storage.GetMonitoringApi().Servers();
        bool running = servers.Any(server => server.Heartbeat is { } beat && now - beat < MaxHeartbeatAge);
        return Task.FromResult(running
            ? HealthCheckResult.Healthy($"{servers.Count} job server(s) running.")
            : HealthCheckResult.Unhealthy(servers.Count == 0 ? "No job server is running." : "The job server's heartbeat is stale."));
    }
}
