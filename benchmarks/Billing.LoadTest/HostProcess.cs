using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Billing.LoadTest;

/// <summary>
/// What a host is started with: its data directory (deleted with the host when <see cref="Temporary"/>), the tokens
/// and idempotency secret generated for the run, and settings that replace the defaults of <see cref="HostProcess"/>.
/// Starting several hosts one after another with one setup is a restart: same database, same callers, same secret.
/// </summary>
internal sealed record HostSetup(
    string DataDirectory,
    bool Temporary,
    string AdminToken,
    string BusinessToken,
    string IdempotencySecret,
    IReadOnlyDictionary<string, string> Settings,
    bool LogSql)
{
    /// <summary>A fresh temporary data directory and new tokens, with the defaults' settings.</summary>
    public static HostSetup Fresh(bool logSql) => Kept(Path.Combine(Path.GetTempPath(), "billing-load", Guid.NewGuid().ToString("N")), new Dictionary<string, string>(), logSql) with { Temporary = true };

    /// <summary>New tokens on <paramref name="dataDirectory"/>, which outlives the hosts started with it.</summary>
    public static HostSetup Kept(string dataDirectory, IReadOnlyDictionary<string, string> settings, bool logSql) => new(
        dataDirectory,
        Temporary: false,
        "load-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        "load-business-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
        settings,
        logSql);
}

/// <summary>
/// The Billing host under test: its Release build as a child process on a free 127.0.0.1 port, with production
/// settings over the data directory and tokens of its <see cref="HostSetup"/> (a fresh temporary directory unless the
/// run chooses one). Disposing it kills it with its process tree and deletes a temporary data directory; so does the
/// generator's exit, however it ends.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private const int KeptLines = 200;

    /// <summary>A cron that never fires (31 February): the run starts bill runs itself, and no job runs meanwhile.</summary>
    private const string NeverCron = "0 0 31 2 *";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly HashSet<HostProcess> Live = [];
    private readonly Process process;
    private readonly HostSetup setup;
    private readonly List<string> output = [];

    static HostProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    private HostProcess(Process process, HostSetup setup, Uri baseAddress)
    {
        this.process = process;
        this.setup = setup;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory => setup.DataDirectory;

    public string AdminToken => setup.AdminToken;

    public string BusinessToken => setup.BusinessToken;

    /// <summary>Lines the host has written so far (all of them when started with SQL logging, else the last ones).</summary>
    public int LineCount
    {
        get
        {
            lock (output)
            {
                return output.Count;
            }
        }
    }

    /// <summary>
    /// Starts the host and waits until <c>/health</c> answers. With <paramref name="logSql"/>, the host logs every SQL
    /// statement it runs (one line each, with the request it ran for) and the generator keeps all its output.
    /// </summary>
    public static Task<HostProcess> StartAsync(Repository repository, bool logSql, CancellationToken cancellationToken) =>
        StartAsync(repository, HostSetup.Fresh(logSql), cancellationToken);

    /// <summary>Starts the host with <paramref name="setup"/> and waits until <c>/health</c> answers.</summary>
    public static async Task<HostProcess> StartAsync(Repository repository, HostSetup setup, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(setup.DataDirectory);
        var baseAddress = new Uri($"http://{IPAddress.Loopback}:{FreeLoopbackPort()}");

        var start = new ProcessStartInfo("dotnet", [repository.HostAssembly, "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Path.GetDirectoryName(repository.HostAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string inherited in start.Environment.Keys.Where(IsHostSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in Settings(setup))
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in setup.Settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new SetupException("could not start the host process");
        var host = new HostProcess(process, setup, baseAddress);
        lock (Live)
        {
            Live.Add(host);
        }

        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>The CPU time the host has used so far (all its threads, both cores).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// Waits until the host has finished its background work (the outbox dispatcher delivering the run's events):
    /// until it uses less than 5% of a core over half a second, at most <paramref name="limit"/>. Answers how long it
    /// was still busy (to the half second).
    /// </summary>
    public async Task<TimeSpan> WaitUntilIdleAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var sample = TimeSpan.FromMilliseconds(500);
        var busy = TimeSpan.Zero;
        var before = CpuTime();
        while (busy < limit)
        {
            await Task.Delay(sample, cancellationToken);
            var now = CpuTime();
            if (now - before < sample * 0.05)
            {
                return busy;
            }

            before = now;
            busy += sample;
        }

        return busy;
    }

    /// <summary>The lines the host wrote after the first <paramref name="mark"/> lines.</summary>
    public IReadOnlyList<string> LinesSince(int mark)
    {
        lock (output)
        {
            return output.Skip(mark).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        lock (Live)
        {
            Live.Remove(this);
        }

        process.Dispose();
        for (int attempt = 0; attempt < 5 && setup.Temporary && Directory.Exists(DataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(200);
            }
        }
    }

    private static IEnumerable<(string Key, string Value)> Settings(HostSetup setup)
    {
        yield return ("ASPNETCORE_ENVIRONMENT", "Production");
        yield return ("Billing__DataDirectory", setup.DataDirectory);
        yield return ("Billing__Jobs__Renewals__Cron", NeverCron);
        yield return ("Billing__Jobs__DurationExpiry__Cron", NeverCron);
        yield return ("Billing__Jobs__RedeemByExpiry__Cron", NeverCron);
        yield return ("Billing__Jobs__Dunning__Cron", NeverCron);
        yield return ("Billing__Jobs__Housekeeping__Cron", NeverCron);
        yield return ("Auth__AdminTokens__0", setup.AdminToken);
        yield return ("Auth__BusinessTokens__0", setup.BusinessToken);
        yield return ("Billing__Idempotency__Secret", setup.IdempotencySecret);
        yield return ("Billing__MyAccount__Secret", Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        yield return ("Logging__LogLevel__Default", "Warning");
        if (setup.LogSql)
        {
            yield return ("Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command", "Information");
            yield return ("Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Transaction", "Debug");
            yield return ("Logging__Console__FormatterName", "simple");
            yield return ("Logging__Console__FormatterOptions__SingleLine", "true");
            yield return ("Logging__Console__FormatterOptions__IncludeScopes", "true");
        }
    }

    /// <summary>Settings the generator's own environment must not pass on: the run's host is configured by the run only.</summary>
    private static bool IsHostSetting(string key) =>
        key.StartsWith("Billing__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Auth__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void KillAll()
    {
        lock (Live)
        {
            foreach (var host in Live)
            {
                host.Kill();
            }
        }
    }

    /// <summary>SIGKILL with its process tree, as a crash would; nothing of the host runs afterwards.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing is left behind.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (!setup.LogSql && output.Count == KeptLines)
            {
                output.RemoveAt(0);
            }

            output.Add(line);
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new SetupException($"the host exited with code {process.ExitCode} while starting:{Environment.NewLine}{string.Join(Environment.NewLine, LinesSince(0))}");
            }

            if (waited.Elapsed > StartTimeout)
            {
                throw new SetupException($"the host did not answer /health within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{string.Join(Environment.NewLine, LinesSince(0))}");
            }

            try
            {
                using var response = await client.GetAsync("/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer: ask again.
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
