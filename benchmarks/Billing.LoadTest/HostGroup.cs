using System.Globalization;

namespace Billing.LoadTest;

/// <summary>
/// The hosts of a run on their one database: one host on SQLite in a fresh data directory, or (issue 19) one or more
/// host processes on a PostgreSQL database created for the run. The hosts are one service: the same tokens and
/// idempotency secret, each its own data directory and free 127.0.0.1 port; the first starts alone (it migrates the
/// schemas and installs Hangfire's), then the others. Disposing it kills every host, then drops the database.
/// </summary>
internal sealed class HostGroup : IAsyncDisposable
{
    private readonly List<HostProcess> hosts = [];
    private readonly List<HttpClient> clients = [];

    private HostGroup(PostgresDatabase? database) => Database = database;

    public IReadOnlyList<HostProcess> Hosts => hosts;

    /// <summary>The host that seeds and reads back (the database is shared, so it reads what every host stored).</summary>
    public HostProcess First => hosts[0];

    /// <summary>The run's PostgreSQL database; null on SQLite.</summary>
    public PostgresDatabase? Database { get; }

    /// <summary>What the hosts run on, as the report's header says it.</summary>
    public string Description => Database is null
        ? "SQLite (WAL, synchronous=NORMAL with group commit: every write is fsynced before it is answered) in a fresh temporary directory"
        : string.Create(CultureInfo.InvariantCulture, $"PostgreSQL, database {Database.Name} created for the run on {Database.Server} and dropped after it, {hosts.Count} host process(es) on it (Hangfire on its PostgreSQL storage), the clients spread over them round-robin");

    public static async Task<HostGroup> StartAsync(Repository repository, LoadOptions options, bool ceilingEndpoints, CancellationToken cancellationToken)
    {
        var group = new HostGroup(options.Postgres ? await PostgresDatabase.CreateAsync() : null);
        try
        {
            // The run sends valid codes only, but the code-guessing limit takes a slot before a code is looked up and
            // gives it back after (issue 25): more requests of one caller in flight at once than the limit (20 a
            // minute) would be refused 429 however valid their codes, as soon as answers slow down.
            var settings = new Dictionary<string, string>
            {
                ["Billing__Limits__CouponGuessesPerMinute"] = "1000000",
                ["Billing__Benchmarks__CeilingEndpoints"] = ceilingEndpoints ? "true" : "false",
            };
            if (group.Database is { } database)
            {
                settings["Billing__Database__Provider"] = "postgres";
                settings["Billing__Database__ConnectionString"] = database.ConnectionString;
            }

            var service = HostSetup.Fresh(options.SqlProfile) with { Settings = settings };
            for (int index = 0; index < options.Hosts; index++)
            {
                var setup = index == 0 ? service : service with { DataDirectory = HostSetup.Fresh(options.SqlProfile).DataDirectory };
                group.hosts.Add(await HostProcess.StartAsync(repository, setup, cancellationToken));
            }
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }

        return group;
    }

    /// <summary>One business-token client per host, each with <paramref name="connections"/> connections, disposed with the group.</summary>
    public IReadOnlyList<HttpClient> LoadClients(int connections, TimeSpan timeout)
    {
        clients.AddRange(hosts.Select(host => Loopback.Client(host.BaseAddress, host.BusinessToken, connections, timeout)));
        return clients;
    }

    /// <summary>The CPU time every host has used so far, added up.</summary>
    public TimeSpan HostCpuTime() => hosts.Aggregate(TimeSpan.Zero, (sum, host) => sum + host.CpuTime());

    /// <summary>The CPU time the PostgreSQL server has used so far; zero on SQLite or when it cannot be measured here.</summary>
    public TimeSpan ServerCpuTime() => Database?.ServerCpuTime() ?? TimeSpan.Zero;

    /// <summary>Waits until every host has finished its background work; answers how long the busiest was still busy.</summary>
    public async Task<TimeSpan> WaitUntilIdleAsync(TimeSpan limit, CancellationToken cancellationToken) =>
        (await Task.WhenAll(hosts.Select(host => host.WaitUntilIdleAsync(limit, cancellationToken)))).Max();

    public async ValueTask DisposeAsync()
    {
        clients.ForEach(client => client.Dispose());
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
