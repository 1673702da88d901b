using System.Globalization;
using System.Net;
using System.Text;
using Billing.LoadTest;

namespace Billing.Soak;

/// <summary>
/// The soak's host across its lives: one <see cref="HostSetup"/> (data directory, tokens, idempotency secret) for
/// every start, SIGKILL and restart on demand, and the test clock, which the soak alone moves: after a restart it is
/// set again to the last value the soak set (the same value is accepted: the clock only refuses an earlier instant).
/// Clients wait while the host is down.
/// </summary>
internal sealed class HostSupervisor : IAsyncDisposable
{
    /// <summary>Every recurring job but housekeeping every 5 seconds: renewals, expiries and dunning run by themselves.</summary>
    private const string EveryFiveSeconds = "*/5 * * * * *";

    /// <summary>Housekeeping forgets idempotency keys 24 hours old on the test clock, which the soak moves by days.</summary>
    private const string NeverCron = "0 0 31 2 *";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly Repository repository;
    private readonly HostSetup setup;
    private readonly int clients;
    private readonly SemaphoreSlim exclusive = new(1, 1);
    private TaskCompletionSource up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HostProcess? host;
    private HttpClient? business;
    private HttpClient? admin;
    private long clockTicks;

    public HostSupervisor(Repository repository, string dataDirectory, int clients, DateTimeOffset clockStart)
    {
        this.repository = repository;
        this.clients = clients;
        clockTicks = clockStart.UtcTicks;
        setup = HostSetup.Kept(
            dataDirectory,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Billing__TestClock__Enabled"] = "true",
                ["Billing__Jobs__Renewals__Cron"] = EveryFiveSeconds,
                ["Billing__Jobs__DurationExpiry__Cron"] = EveryFiveSeconds,
                ["Billing__Jobs__RedeemByExpiry__Cron"] = EveryFiveSeconds,
                ["Billing__Jobs__Dunning__Cron"] = EveryFiveSeconds,
                ["Billing__Jobs__Housekeeping__Cron"] = NeverCron,
            },
            logSql: false);
    }

    /// <summary>The host's current life (it changes at each restart).</summary>
    public HostProcess Host => host ?? throw new InvalidOperationException("the host is not running");

    /// <summary>The last instant the soak set the test clock to.</summary>
    public DateTimeOffset Clock => new(Volatile.Read(ref clockTicks), TimeSpan.Zero);

    public int Kills { get; private set; }

    public int Restarts { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await exclusive.WaitAsync(cancellationToken);
        try
        {
            await StartHostAsync(cancellationToken);
        }
        finally
        {
            exclusive.Release();
        }
    }

    /// <summary>The client of the business token, once the host is up (waits while it is being restarted).</summary>
    public async Task<HttpClient> BusinessAsync(CancellationToken cancellationToken)
    {
        await up.Task.WaitAsync(cancellationToken);
        return business!;
    }

    /// <summary>The client of the admin token, once the host is up.</summary>
    public async Task<HttpClient> AdminAsync(CancellationToken cancellationToken)
    {
        await up.Task.WaitAsync(cancellationToken);
        return admin!;
    }

    /// <summary>
    /// SIGKILL at this moment, whatever is in flight, then a restart on the same data directory;
    /// <paramref name="killing"/> runs just before the signal.
    /// </summary>
    public async Task KillAndRestartAsync(Action killing, CancellationToken cancellationToken)
    {
        await exclusive.WaitAsync(cancellationToken);
        try
        {
            up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            killing();
            host!.Kill();
            Kills++;
            await StopClientsAsync();
            await StartHostAsync(cancellationToken);
            Restarts++;
        }
        finally
        {
            exclusive.Release();
        }
    }

    /// <summary>Moves the test clock on by <paramref name="step"/>; false when the host did not take it (it was being killed).</summary>
    public async Task<bool> AdvanceClockAsync(TimeSpan step, CancellationToken cancellationToken)
    {
        await exclusive.WaitAsync(cancellationToken);
        try
        {
            var next = Clock + step;
            if (await SetClockAsync(next, cancellationToken) is { } refusal)
            {
                throw new SetupException(refusal);
            }

            Volatile.Write(ref clockTicks, next.UtcTicks);
            return true;
        }
        catch (Exception failure) when (failure is HttpRequestException || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
        finally
        {
            exclusive.Release();
        }
    }

    /// <summary>Stops the host (SIGKILL: the run has waited until it was idle) and keeps the data directory for the checks.</summary>
    public async Task StopAsync()
    {
        await exclusive.WaitAsync();
        try
        {
            up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await StopClientsAsync();
        }
        finally
        {
            exclusive.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopClientsAsync();
        exclusive.Dispose();
    }

    private async Task StartHostAsync(CancellationToken cancellationToken)
    {
        host = await HostProcess.StartAsync(repository, setup, cancellationToken);
        business = Loopback.Client(host.BaseAddress, setup.BusinessToken, clients, RequestTimeout);
        admin = Loopback.Client(host.BaseAddress, setup.AdminToken, connections: 4, RequestTimeout);
        await ResumeClockAsync(cancellationToken);
        up.TrySetResult();
    }

    /// <summary>
    /// Sets the clock again to the last value the soak set (the host keeps it across restarts and accepts the same
    /// value). When the host is further on, a move whose answer was lost (a time-out) got through: the soak takes it up.
    /// </summary>
    private async Task ResumeClockAsync(CancellationToken cancellationToken)
    {
        if (await SetClockAsync(Clock, cancellationToken) is { } refusal)
        {
            using var response = await admin!.GetAsync("/api/test-clock", cancellationToken);
            using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var now = document.RootElement.GetProperty("now").GetDateTimeOffset();
            if (now <= Clock)
            {
                throw new SetupException(refusal);
            }

            Volatile.Write(ref clockTicks, now.UtcTicks);
        }
    }

    /// <summary>Sets the test clock; null when it was set, the refusal when the host answered 409 (its clock is later).</summary>
    private async Task<string?> SetClockAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        string body = string.Create(CultureInfo.InvariantCulture, $$"""{"now":"{{instant.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}"}""");
        using var response = await admin!.PostAsync("/api/test-clock", Loopback.Json(Encoding.UTF8.GetBytes(body)), cancellationToken);
        string answer = $"POST /api/test-clock {body} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
        return response.StatusCode switch
        {
            HttpStatusCode.OK => null,
            HttpStatusCode.Conflict => answer,
            _ => throw new SetupException(answer),
        };
    }

    private async Task StopClientsAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
            host = null;
        }

        business?.Dispose();
        admin?.Dispose();
        business = null;
        admin = null;
    }
}
