using System.Globalization;

namespace Billing.LoadTest;

/// <summary>The benchmark a run drives.</summary>
internal enum Scenario
{
    Redemptions,
    Conversions,
}

/// <summary>
/// The command line of a run. A run is bounded twice: it sends at most <see cref="Requests"/> requests and stops
/// sending when <see cref="TimeLimit"/> has passed, whichever comes first.
/// </summary>
internal sealed record LoadOptions(
    Scenario Scenario,
    int Clients,
    int Requests,
    TimeSpan TimeLimit,
    double Duplicates,
    bool Tracked,
    bool SqlProfile)
{
    /// <summary>The variable naming the PostgreSQL server of <c>--postgres</c>, as the bill-run-postgres benchmark reads it.</summary>
    public const string PostgresServerVariable = "BILLING_BENCH_POSTGRES";

    /// <summary>
    /// Issue 19: run on PostgreSQL, in a database the run creates on the server of <see cref="PostgresServerVariable"/>
    /// and drops at the end; false: SQLite.
    /// </summary>
    public bool Postgres { get; init; }

    /// <summary>Host processes on the run's one database; the clients are spread over them round-robin (more than one only on PostgreSQL).</summary>
    public int Hosts { get; init; } = 1;

    /// <summary>Whether the run also measures the endpoint's ceiling (issue 21); <c>--no-ceiling</c> leaves it out.</summary>
    public bool Ceiling { get; init; } = true;

    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/Billing.LoadTest -- <redemptions|conversions> [options]

          --clients N       concurrent clients (1-256, default 32)
          --requests N      requests of the measured phase, after a warm-up (1-1000000, default 20000)
          --seconds N       time limit of each phase in seconds (1-600, default 60); sending stops at
                            whichever of the count and the time limit comes first
          --duplicates F    conversions: share of the sales that repeat an earlier externalId (0-0.9, default 0.1)
          --tracked         redemptions: create the couponredeem conversion type first, so that every
                            redemption also records its conversion in the background (T6)
          --no-ceiling      measure the endpoint and /health only, not the endpoint's ceiling (the minimal
                            endpoint of the same host that runs the same guarded SQL directly, issue 21)
          --sql             profile instead of measuring: send a few requests one at a time with the host's
                            SQL logging on and print the SQL statements per request (SQLite, one host)
          --postgres        run on PostgreSQL: create a database of the run's own on the server whose Npgsql
                            connection string is in BILLING_BENCH_POSTGRES (scripts/postgres.sh start prints one
                            as BILLING_TEST_POSTGRES) and drop it at the end
          --hosts N         host processes on that one database, the clients spread over them round-robin
                            (1-8, default 1; more than 1 needs --postgres)

        The host's Release build is started on 127.0.0.1 with a fresh data directory (each host its own, on a free
        port) and killed at the end.
        Exit code 0: every correctness check passed (however slow the run); 1: a check failed; 2: bad usage or
        the host could not be started or seeded.
        """;

    /// <summary>Reads the command line; null with a message when it is not valid.</summary>
    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0 || !Enum.TryParse<Scenario>(args[0], ignoreCase: true, out var scenario) || int.TryParse(args[0], out _))
        {
            error = "name the benchmark: redemptions or conversions.";
            return null;
        }

        var options = new LoadOptions(scenario, Clients: 32, Requests: 20_000, TimeSpan.FromSeconds(60), Duplicates: 0.1, Tracked: false, SqlProfile: false);
        for (int index = 1; index < args.Count; index++)
        {
            string name = args[index];
            switch (name)
            {
                case "--tracked":
                    options = options with { Tracked = true };
                    continue;
                case "--sql":
                    options = options with { SqlProfile = true };
                    continue;
                case "--postgres":
                    options = options with { Postgres = true };
                    continue;
                case "--no-ceiling":
                    options = options with { Ceiling = false };
                    continue;
            }

            if (index + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return null;
            }

            string value = args[++index];
            switch (name)
            {
                case "--clients" when CommandLine.TryInt(value, 1, 256, out int clients):
                    options = options with { Clients = clients };
                    break;
                case "--requests" when CommandLine.TryInt(value, 1, 1_000_000, out int requests):
                    options = options with { Requests = requests };
                    break;
                case "--seconds" when CommandLine.TryInt(value, 1, 600, out int seconds):
                    options = options with { TimeLimit = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--duplicates" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double share) && share is >= 0 and <= 0.9:
                    options = options with { Duplicates = share };
                    break;
                case "--hosts" when CommandLine.TryInt(value, 1, 8, out int hosts):
                    options = options with { Hosts = hosts };
                    break;
                default:
                    error = $"unknown option or value out of range: {name} {value}";
                    return null;
            }
        }

        if (options.Tracked && scenario != Scenario.Redemptions)
        {
            error = "--tracked applies to the redemptions benchmark only.";
            return null;
        }

        if (options.Hosts > 1 && !options.Postgres)
        {
            error = "--hosts above 1 needs --postgres: SQLite's database is a file of one host.";
            return null;
        }

        if (options.SqlProfile && options.Postgres)
        {
            error = "--sql profiles the SQLite host only (it counts SQLite's own statements).";
            return null;
        }

        return options;
    }
}
