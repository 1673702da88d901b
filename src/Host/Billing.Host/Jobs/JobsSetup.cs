using Billing.Host.Auth;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;

namespace Billing.Host.Jobs;

/// <summary>
/// The recurring jobs on Hangfire. Each has its cron in <c>Billing:Jobs:&lt;Job&gt;:Cron</c> (five fields, or six with
/// seconds first), evaluated in UTC. The job store is <c>Billing:Jobs:Storage</c>: <c>memory</c> (the default on
/// SQLite) keeps no schedule across restarts, and needs none: every durable fact is in the billing database and every
/// job is a catch-up of what is due, so a restarted host does at its next occurrence what fell due while it was down.
/// <c>postgres</c> (the default on PostgreSQL, issue 19) is Hangfire.PostgreSql in the billing database's
/// <c>hangfire</c> schema, shared by every host on it, so each occurrence of a recurring job runs once across them.
/// </summary>
internal static class JobsSetup
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddBillingJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<RenewalsJob>().AddScoped<DurationExpiryJob>().AddScoped<RedeemByExpiryJob>().AddScoped<DunningJob>().AddScoped<HousekeepingJob>().AddScoped<WebhookDeliveriesJob>();
        services.AddSingleton<BillRunner>();

        // This host's own storage and activator, registered before AddHangfire (which only adds them when absent, from
        // Hangfire's process-wide statics), so that several hosts in one process (the tests) never share a job store.
        // The storage is built after Hangfire's global configuration, which sets the log provider it logs through.
        var (createStorage, pollingInterval) = Storage(configuration);
        services.AddSingleton<JobStorage>(provider =>
        {
            _ = provider.GetRequiredService<IGlobalConfiguration>();
            return createStorage();
        });
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogs(provider.GetRequiredService<ILoggerFactory>())));
        // Graceful shutdown (issue 23): a job running when SIGTERM arrives keeps its cancellation token uncancelled for
        // three quarters of the host's shutdown bound (HostOptions, from Billing:Host:ShutdownTimeout, 30 s by default),
        // so a bill run finishes rather than stopping at its next batch; past that the token cancels it, its batch in
        // flight rolls back and the next occurrence carries on (every job is a catch-up), within the rest of the bound.
        services.AddHangfireServer((provider, options) =>
        {
            var shutdown = provider.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
            options.WorkerCount = 2;
            options.SchedulePollingInterval = pollingInterval;
            options.StopTimeout = shutdown * 0.75;
            options.ShutdownTimeout = shutdown;
        });
        return services;
    }

    /// <summary>Schedules the recurring jobs and serves the dashboard, admin only (<see cref="DashboardAuthorization"/>).</summary>
    public static WebApplication MapBillingJobs(this WebApplication app)
    {
        var configuration = app.Configuration;
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        string Cron(string job, string fallback) => configuration[$"Billing:Jobs:{job}:Cron"] ?? fallback;
        jobs.AddOrUpdate<RenewalsJob>(RenewalsJob.Id, job => job.RunAsync(CancellationToken.None), Cron("Renewals", "*/5 * * * *"), options);
        jobs.AddOrUpdate<DurationExpiryJob>(DurationExpiryJob.Id, job => job.RunAsync(CancellationToken.None), Cron("DurationExpiry", "*/5 * * * *"), options);
        jobs.AddOrUpdate<RedeemByExpiryJob>(RedeemByExpiryJob.Id, job => job.RunAsync(CancellationToken.None), Cron("RedeemByExpiry", "*/5 * * * *"), options);
        jobs.AddOrUpdate<DunningJob>(DunningJob.Id, job => job.RunAsync(CancellationToken.None), Cron("Dunning", "0 * * * *"), options);
        jobs.AddOrUpdate<HousekeepingJob>(HousekeepingJob.Id, job => job.RunAsync(CancellationToken.None), Cron("Housekeeping", "0 * * * *"), options);
        jobs.AddOrUpdate<WebhookDeliveriesJob>(WebhookDeliveriesJob.Id, job => job.RunAsync(CancellationToken.None), Cron("WebhookDeliveries", "*/5 * * * * *"), options);

        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            AppPath = null,
            DashboardTitle = "Billing jobs",
            DisplayStorageConnectionString = false,
            Authorization = [],
            AsyncAuthorization = [new DashboardAuthorization()],
            IsReadOnlyFunc = DashboardAuthorization.IsReadOnly,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    /// <summary>The configured job store, and how often the server looks in it for due recurring and retried jobs.</summary>
    private static (Func<JobStorage> Create, TimeSpan PollingInterval) Storage(IConfiguration configuration)
    {
        var database = configuration.GetSection("Billing:Database");
        bool onPostgres = database["Provider"]?.ToLowerInvariant() is "postgres" or "postgresql";
        string? name = configuration["Billing:Jobs:Storage"];
        return (name?.ToLowerInvariant() ?? (onPostgres ? "postgres" : "memory")) switch
        {
            "" or "memory" => (() => new InMemoryStorage(new InMemoryStorageOptions()), TimeSpan.FromSeconds(1)),
            "postgres" or "postgresql" when onPostgres => PostgresStorage(configuration, database["ConnectionString"]!),
            "postgres" or "postgresql" => throw new InvalidOperationException("Billing:Jobs:Storage is postgres but Billing:Database:Provider is not: the job store lives in the billing database."),
            _ => throw new InvalidOperationException($"Billing:Jobs:Storage '{name}' is not a job store this host knows; use 'memory' or 'postgres'."),
        };
    }

    /// <summary>
    /// Hangfire.PostgreSql in the billing database (issue 19), with the settings several hosts depend on. Its
    /// distributed lock (a recurring job's occurrence, a retry) is not renewed while held, so
    /// <c>Billing:Jobs:DistributedLockTimeout</c> must exceed the longest job, or a second host takes the lock of a job
    /// still running. A fetched job is invisible to the other hosts while its server's heartbeat renews it (sliding
    /// invisibility); a killed server's jobs come back <c>InvisibilityTimeout</c> after its last heartbeat. Jobs another
    /// host enqueues are seen at once (long polling: LISTEN/NOTIFY), else within <c>QueuePollInterval</c>. The schema is installed by the host that starts first
    /// (<c>Billing:Jobs:InstallSchema</c>, true by default; set it false on replicas started before that host).
    /// </summary>
    private static (Func<JobStorage> Create, TimeSpan PollingInterval) PostgresStorage(IConfiguration configuration, string connectionString)
    {
        var jobs = configuration.GetSection("Billing:Jobs");
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = jobs.GetValue("InstallSchema", true),
            DistributedLockTimeout = jobs.GetValue("DistributedLockTimeout", TimeSpan.FromHours(1)),
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = jobs.GetValue("InvisibilityTimeout", TimeSpan.FromMinutes(5)),
            QueuePollInterval = jobs.GetValue("QueuePollInterval", TimeSpan.FromSeconds(15)),
            EnableLongPolling = true,
        };
        return (() => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options), TimeSpan.FromSeconds(1));
    }
}
