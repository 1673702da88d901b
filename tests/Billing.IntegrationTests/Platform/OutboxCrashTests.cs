using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Billing.TestKit;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 8, crash safety: a host process is killed (SIGKILL) after a redemption committed and before its
/// CouponRedeemed event was delivered; on restart the event is delivered, exactly once.
/// </summary>
public sealed class OutboxCrashTests : IDisposable
{
    private const string Token = "crash-admin-token";
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "billing-crash", Guid.NewGuid().ToString("N"));
    private Process? host;

    public void Dispose()
    {
        Stop();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; it does not affect other tests.
        }
    }

    [Fact]
    public async Task An_event_committed_before_a_kill_is_delivered_once_after_restart()
    {
        using var client = await StartAsync(dispatch: false);
        await Send(client, "/api/tracking/conversion-types", """{"code":"couponredeem","name":"Coupon redeem"}""");
        await Send(client, "/api/accounts", """{"code":"crash","email":"a@b.co","country":"DE"}""");
        await Send(client, "/api/coupons", """{"code":"CRASH10","name":"c","discount":{"type":"percent","percent":10}}""");
        await Send(client, "/api/accounts/crash/redemptions", """{"coupon_code":"CRASH10","currency":"EUR"}""");
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL AND Type LIKE '%CouponRedeemed%'"));

        Kill();
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM tracking_conversions"));

        using var restarted = await StartAsync(dispatch: true);
        await WaitUntil(() => Scalar("SELECT COUNT(*) FROM tracking_conversions WHERE ConversionTypeCode = 'couponredeem'") == 1);
        Kill();
        using var again = await StartAsync(dispatch: true);
        // A later event is delivered after every earlier one (outbox order): once its conversion exists, a redelivery of
        // the first event would have happened already.
        await Send(again, "/api/coupons", """{"code":"LATER10","name":"c","discount":{"type":"percent","percent":10}}""");
        await Send(again, "/api/accounts/crash/redemptions", """{"coupon_code":"LATER10","currency":"EUR"}""");
        await WaitUntil(() => Scalar("SELECT COUNT(*) FROM tracking_conversions WHERE ConversionTypeCode = 'couponredeem'") >= 2
            && Scalar("SELECT COUNT(*) FROM coupons_outbox WHERE ProcessedAt IS NULL") == 0);

        Assert.Equal(2, Scalar("SELECT COUNT(*) FROM tracking_conversions WHERE ConversionTypeCode = 'couponredeem'"));
        Assert.Equal("ok", ScalarText("PRAGMA integrity_check"));
    }

    private async Task<HttpClient> StartAsync(bool dispatch)
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
        start.Environment["Billing__DataDirectory"] = dataDirectory;
        start.Environment["Billing__TestClock__Enabled"] = "true";
        foreach (string job in BillingApiFactory.Jobs)
        {
            start.Environment[$"Billing__Jobs__{job}__Cron"] = BillingApiFactory.NeverCron;
        }

        start.Environment["Billing__Outbox__DispatchEnabled"] = dispatch ? "true" : "false";
        start.Environment["Auth__AdminTokens__0"] = Token;
        host = Process.Start(start)!;
        host.OutputDataReceived += (_, _) => { };
        host.ErrorDataReceived += (_, _) => { };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();

        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await WaitUntil(async () =>
        {
            try
            {
                return (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        return client;
    }

    private static async Task Send(HttpClient client, string path, string json)
    {
        var response = await client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private void Kill()
    {
        host!.Kill(entireProcessTree: true);
        host.WaitForExit();
        host.Dispose();
        host = null;
    }

    private void Stop()
    {
        if (host is { HasExited: false })
        {
            Kill();
        }
    }

    private long Scalar(string sql) => Convert.ToInt64(Query(sql), System.Globalization.CultureInfo.InvariantCulture);

    private string ScalarText(string sql) => Convert.ToString(Query(sql), System.Globalization.CultureInfo.InvariantCulture)!;

    private object? Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "billing.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static Task WaitUntil(Func<bool> condition) => WaitUntil(() => Task.FromResult(condition()));

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting for the host");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
