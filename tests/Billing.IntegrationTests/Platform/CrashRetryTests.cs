using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 23, retries after a crash: the host is killed (SIGKILL) while idempotent writes are in flight, restarted, and
/// every key is retried at once. Each retry gets exactly one effect — the stored answer if the first attempt
/// committed, a fresh run if not — and never <c>409 idempotency_key_in_progress</c> from a claim of the dead process.
/// </summary>
public sealed class CrashRetryTests : IDisposable
{
    private const int Keys = 240;
    private readonly RealHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Keys_retried_at_once_after_a_kill_mid_request_each_create_their_account_exactly_once()
    {
        var client = await host.StartAsync();
        var answered = new ConcurrentDictionary<int, HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 8).Select(lane => Task.Run(async () =>
        {
            for (int i = lane; i < Keys && !stop.IsCancellationRequested; i += 8)
            {
                try
                {
                    answered[i] = (await SendAsync(client, i)).StatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    return;
                }
            }
        })).ToList();
        await RealHost.WaitUntil(() => Task.FromResult(answered.Count >= Keys / 4));
        host.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        client.Dispose();

        using var restarted = await host.StartAsync();
        var retries = await Task.WhenAll(Enumerable.Range(0, Keys).Select(async i =>
        {
            using var response = await SendAsync(restarted, i);
            return (Key: i, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answered, pair => Assert.Equal(HttpStatusCode.Created, pair.Value));
        Assert.All(retries, retry => Assert.True(retry.StatusCode == HttpStatusCode.Created, $"key {retry.Key}: {(int)retry.StatusCode} {retry.Body}"));
        Assert.Equal(Keys, host.Scalar("SELECT COUNT(DISTINCT Code) FROM subscriptions_accounts WHERE Code LIKE 'crash-%'"));
        Assert.Equal(Keys, host.Scalar("SELECT COUNT(*) FROM subscriptions_accounts WHERE Code LIKE 'crash-%'"));
        Assert.Equal(0, host.Scalar("SELECT COUNT(*) FROM platform_idempotency_keys WHERE Completed = 0"));
        Assert.Equal("ok", host.ScalarText("PRAGMA integrity_check"));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, int key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
        {
            Content = new StringContent($$"""{"code":"crash-{{key}}","email":"c{{key}}@example.com","country":"DE"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", $"crash-key-{key}");
        return client.SendAsync(request);
    }
}
