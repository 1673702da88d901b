using System.Net;
using System.Net.Http.Json;
using Billing.BuildingBlocks.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 19 (several hosts on one database) and issue 23 (retries after a crash): an idempotency claim names the
/// process holding it and carries that process's heartbeat, by the database's clock. A retry takes over the claim of a
/// process that is gone at once, waits for a live one, and a starting host releases only what no live process holds.
/// The claims are shaped by SQL on a stored key: as written by a request that completed, then made unfinished. The
/// heartbeat renews only the claims this process's requests still hold, and writes nothing while there are none.
/// </summary>
public sealed class IdempotencyClaimTests
{
    private const string Unfinished = "UPDATE platform_idempotency_keys SET Completed = (1 = 0), StatusCode = NULL, Body = NULL, ContentType = NULL, Location = NULL";

    [Fact]
    public async Task A_retry_takes_over_at_once_the_claim_of_a_process_whose_heartbeat_stopped()
    {
        using var api = new BillingApiFactory();
        Assert.Equal(HttpStatusCode.Created, (await Signup(api, "taken-over", "key-1")).StatusCode);
        api.Execute($"{Unfinished}, Owner = 'gone', HeartbeatAt = '2000-01-01 00:00:00'");
        api.Execute("DELETE FROM subscriptions_accounts WHERE Code = 'taken-over'");

        var retry = await Signup(api, "taken-over", "key-1");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, api.Scalar("SELECT COUNT(*) FROM subscriptions_accounts WHERE Code = 'taken-over'"));
    }

    [Fact]
    public async Task A_retry_waits_for_the_claim_of_a_live_process_and_then_answers_in_progress()
    {
        using var api = new BillingApiFactory();
        Assert.Equal(HttpStatusCode.Created, (await Signup(api, "still-running", "key-2")).StatusCode);
        api.Execute($"{Unfinished}, Owner = 'another-host', HeartbeatAt = '2199-01-01 00:00:00'");
        api.Execute("DELETE FROM subscriptions_accounts WHERE Code = 'still-running'");

        var retry = await Signup(api, "still-running", "key-2");

        await retry.ShouldBeProblem(HttpStatusCode.Conflict, "idempotency_key_in_progress");
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM subscriptions_accounts WHERE Code = 'still-running'"));
    }

    [Fact]
    public async Task The_heartbeat_renews_a_long_running_claim_of_this_process_every_beat_and_no_other_claim()
    {
        using var api = new BillingApiFactory();
        await Signup(api, "not-mine", "key-3");
        api.Execute($"{Unfinished}, Owner = 'someone-else', HeartbeatAt = '2000-01-01 00:00:00'");
        var store = api.Services.GetRequiredService<IdempotencyStore>();
        Assert.Equal(ClaimOutcome.Claimed, (await store.ClaimAsync("long-running", "hash", CancellationToken.None)).Outcome);
        string mine = $"Key = 'long-running' AND Owner = '{store.Owner}'";

        // Beat after beat while the request runs: set back each time, renewed again within three beats.
        for (int beat = 0; beat < 2; beat++)
        {
            api.Execute($"UPDATE platform_idempotency_keys SET HeartbeatAt = '2000-01-01 00:00:00' WHERE {mine}");
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (api.Scalar($"SELECT COUNT(*) FROM platform_idempotency_keys WHERE HeartbeatAt > '2001-01-01 00:00:00' AND {mine}") == 0)
            {
                Assert.True(waited.Elapsed < 3 * IdempotencyStore.HeartbeatEvery, $"the heartbeat did not renew this process's running claim (beat {beat + 1})");
                await Task.Delay(100);
            }
        }

        Assert.Equal(1, api.Scalar("SELECT COUNT(*) FROM platform_idempotency_keys WHERE HeartbeatAt < '2001-01-01 00:00:00' AND Owner = 'someone-else'"));
        await store.ReleaseAsync("long-running", CancellationToken.None);
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM platform_idempotency_keys WHERE {mine}"));
    }

    [Fact]
    public async Task The_heartbeat_writes_nothing_while_this_process_holds_no_claim()
    {
        using var api = new BillingApiFactory();
        await Signup(api, "idle", "key-4");
        // An unfinished claim in this process's name that no request of it runs: a beat that wrote would renew it.
        string owner = api.Services.GetRequiredService<IdempotencyStore>().Owner;
        api.Execute($"{Unfinished}, Owner = '{owner}', HeartbeatAt = '2000-01-01 00:00:00'");

        await Task.Delay(2.5 * IdempotencyStore.HeartbeatEvery);

        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM platform_idempotency_keys WHERE Owner = '{owner}' AND HeartbeatAt < '2001-01-01 00:00:00'"));
    }

    [Fact]
    public async Task A_starting_host_releases_a_dead_process_claim_and_on_PostgreSQL_keeps_a_live_hosts()
    {
        using var api = new BillingApiFactory();
        await Signup(api, "dead-claim", "key-5");
        await Signup(api, "live-claim", "key-6");
        api.Execute($"{Unfinished}, Owner = 'dead', HeartbeatAt = '2000-01-01 00:00:00'");
        api.Execute("UPDATE platform_idempotency_keys SET Owner = 'live', HeartbeatAt = '2199-01-01 00:00:00' WHERE RequestHash = (SELECT MIN(RequestHash) FROM platform_idempotency_keys)");

        int released = await api.Services.GetRequiredService<IdempotencyStore>().ReleaseUnfinishedAsync(CancellationToken.None);

        // SQLite: one host owns the database, so every unfinished claim at its start is a dead process's.
        Assert.Equal(TestDatabase.OnPostgres ? 1 : 2, released);
        Assert.Equal(0, api.Scalar("SELECT COUNT(*) FROM platform_idempotency_keys WHERE Owner = 'dead'"));
        Assert.Equal(TestDatabase.OnPostgres ? 1 : 0, api.Scalar("SELECT COUNT(*) FROM platform_idempotency_keys WHERE Owner = 'live'"));
    }

    private static Task<HttpResponseMessage> Signup(BillingApiFactory api, string code, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
        {
            Content = JsonContent.Create(new { code, email = $"{code}@example.test", country = "US" }, options: BillingApiFactory.Json),
            Headers = { { "Idempotency-Key", key } },
        };
        return api.Admin().SendAsync(request);
    }
}
