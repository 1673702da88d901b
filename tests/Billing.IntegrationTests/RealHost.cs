using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Billing.TestKit;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// The host as its own process on a loopback port, over a data directory of its own, to be killed (SIGKILL),
/// stopped (SIGTERM) and started again on the same data (issue 23). Jobs never run unless a test asks. Given a
/// PostgreSQL database (issue 19), it runs on that one, which several hosts may share; the caller owns the database.
/// </summary>
internal sealed class RealHost(string? postgresConnectionString = null) : IDisposable
{
    public const string Token = "real-host-admin-token";

    private Process? process;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "billing-real-host", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataDirectory, "billing.db");

    /// <summary>Starts the host and waits until <c>/health/ready</c> answers 200.</summary>
    public async Task<HttpClient> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        int port = FreePort();
        string dll = SourceTree.HostAssembly();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Billing__DataDirectory"] = DataDirectory;
        start.Environment["Billing__TestClock__Enabled"] = "true";
        if (postgresConnectionString is not null)
        {
            start.Environment["Billing__Database__Provider"] = "postgres";
            start.Environment["Billing__Database__ConnectionString"] = postgresConnectionString;
        }

        foreach (string job in BillingApiFactory.Jobs)
        {
            start.Environment[$"Billing__Jobs__{job}__Cron"] = BillingApiFactory.NeverCron;
        }

        start.Environment["Auth__AdminTokens__0"] = Token;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await WaitUntil(async () =>
        {
            try
            {
                return (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        return client;
    }

    /// <summary>SIGKILL: the process ends at once, mid-request, mid-commit.</summary>
    public void Kill()
    {
        process!.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        process = null;
    }

    /// <summary>SIGTERM, then waits for the process to end on its own; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        Assert.Equal(0, Kill(process!.Id, 15));
        using var timeout = new CancellationTokenSource(within);
        await process.WaitForExitAsync(timeout.Token);
        int code = process.ExitCode;
        process.Dispose();
        process = null;
        return code;
    }

    public long Scalar(string sql) => Convert.ToInt64(Query(sql), System.Globalization.CultureInfo.InvariantCulture);

    public string ScalarText(string sql) => Convert.ToString(Query(sql), System.Globalization.CultureInfo.InvariantCulture)!;

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            Kill();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; it does not affect other tests.
        }
    }

    public static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "timed out waiting for the host");
            await Task.Delay(100);
        }
    }

    private object? Query(string sql)
    {
        if (postgresConnectionString is not null)
        {
            return TestDatabase.PostgresScalar(postgresConnectionString, sql);
        }

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
