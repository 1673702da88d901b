using Billing.LoadTest;

namespace Billing.Soak;

/// <summary>
/// The command line of a soak run. A run is bounded twice: clients stop sending when <see cref="Duration"/> has passed
/// or <see cref="Requests"/> requests were sent, whichever comes first; then the checks run.
/// </summary>
internal sealed record SoakOptions(TimeSpan Duration, int Clients, int Requests, TimeSpan KillEvery, TimeSpan Day, int Seed)
{
    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/Billing.Soak -- [options]

          --minutes N       how long the clients send (1-240, default 30)
          --clients N       concurrent clients (1-64, default 16)
          --requests N      at most this many requests in all (1-10000000, default 2000000)
          --kill-every N    SIGKILL the host every N seconds on average, at a random moment between 0.5 N and
                            1.5 N after the previous restart, and restart it on the same data directory
                            (0 = never; 10-3600, default 180)
          --day-seconds N   the test clock advances one day every N seconds (1-60, default 3)
          --seed N          seed of the workload's random choices (default: from the time)

        The host's Release build runs on 127.0.0.1 in Development (test clock on) with tokens generated for the run
        and its recurring jobs every 5 seconds. It is killed when the run ends, however it ends.
        Exit code 0: every check found no violation; 1: some check found one; 2: bad usage or the host could not be
        started or seeded.
        """;

    /// <summary>Reads the command line; null with a message when it is not valid.</summary>
    public static SoakOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var options = new SoakOptions(TimeSpan.FromMinutes(30), Clients: 16, Requests: 2_000_000, TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(3), Environment.TickCount);
        for (int index = 0; index < args.Count; index += 2)
        {
            string name = args[index];
            if (index + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return null;
            }

            string value = args[index + 1];
            switch (name)
            {
                case "--minutes" when CommandLine.TryInt(value, 1, 240, out int minutes):
                    options = options with { Duration = TimeSpan.FromMinutes(minutes) };
                    break;
                case "--clients" when CommandLine.TryInt(value, 1, 64, out int clients):
                    options = options with { Clients = clients };
                    break;
                case "--requests" when CommandLine.TryInt(value, 1, 10_000_000, out int requests):
                    options = options with { Requests = requests };
                    break;
                case "--kill-every" when value == "0":
                    options = options with { KillEvery = TimeSpan.Zero };
                    break;
                case "--kill-every" when CommandLine.TryInt(value, 10, 3600, out int seconds):
                    options = options with { KillEvery = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--day-seconds" when CommandLine.TryInt(value, 1, 60, out int day):
                    options = options with { Day = TimeSpan.FromSeconds(day) };
                    break;
                case "--seed" when CommandLine.TryInt(value, 0, int.MaxValue, out int seed):
                    options = options with { Seed = seed };
                    break;
                default:
                    error = $"unknown option or value out of range: {name} {value}";
                    return null;
            }
        }

        return options;
    }
}
