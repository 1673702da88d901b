using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Billing.Benchmarks;

/// <summary>The real host (Release build) as a child process on a loopback port, on a data directory of the benchmark's.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string AdminToken = "benchmark-admin-token";

    /// <summary>A cron that never fires (31 February): the run starts bill runs itself, and no job runs meanwhile.</summary>
    private const string NeverCron = "0 0 31 2 *";
    private readonly Process process;

    private HostProcess(Process process, HttpClient client)
    {
        this.process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>The host's peak resident set so far (Linux's VmHWM), in MiB.</summary>
    public double PeakWorkingSetMiB()
    {
        string line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Billing.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }

    public static async Task<HostProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        string dll = Path.Combine(RepositoryRoot(), "src", "Host", "Billing.Host", "bin", "Release", "net10.0", "Billing.Host.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the host first: dotnet build -c Release src/Host/Billing.Host (missing {dll}).");
        }

        int port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Billing__DataDirectory"] = dataDirectory;
        start.Environment["Billing__TestClock__Enabled"] = "true";
        start.Environment["Billing__Jobs__Renewals__Cron"] = NeverCron;
        start.Environment["Billing__Jobs__DurationExpiry__Cron"] = NeverCron;
        start.Environment["Billing__Jobs__RedeemByExpiry__Cron"] = NeverCron;
        start.Environment["Billing__Jobs__Dunning__Cron"] = NeverCron;
        start.Environment["Billing__Jobs__Housekeeping__Cron"] = NeverCron;
        start.Environment["Billing__Jobs__WebhookDeliveries__Cron"] = NeverCron;
        start.Environment["Auth__AdminTokens__0"] = AdminToken;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var host = new HostProcess(process, client);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>SIGKILL, as a crash would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine("  host| " + line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
