using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Billing.IntegrationTests;

/// <summary>A post a <see cref="WebhookReceiver"/> got: the raw body, its signature header, and the body as JSON.</summary>
internal sealed record ReceivedPost(string Body, string? Signature, JsonElement Json)
{
    public string Type => Json.GetProperty("type").GetString()!;

    public string Id => Json.GetProperty("id").GetString()!;
}

/// <summary>
/// A webhook receiver as an integrator writes one: Kestrel on a loopback port chosen by the OS, recording every post
/// before it answers with what <see cref="Answer"/> says for the n-th post (1-based), 200 by default.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedPost> posts = new();
    private readonly WebApplication app;
    private int count;

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The status of the n-th post; may wait (for ever: a receiver that never answers) on the request's abort token.</summary>
    public Func<int, CancellationToken, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(200);

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedPost> Posts => [.. posts];

    /// <summary>Never answers: holds every post until the sender gives up.</summary>
    public static async Task<int> Hang(CancellationToken aborted)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, aborted);
        return 200;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            receiver.posts.Enqueue(new ReceivedPost(body, context.Request.Headers["Billing-Signature"].ToString(), JsonDocument.Parse(body).RootElement.Clone()));
            int n = Interlocked.Increment(ref receiver.count);
            try
            {
                context.Response.StatusCode = await receiver.Answer(n, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
            }
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single().TrimEnd('/') + "/hooks";
        return receiver;
    }

    /// <summary>
    /// What a receiver checks, written from the README's description and not from Billing's code: <c>t=…,v1=…</c> (one
    /// <c>v1</c> per signing secret while a rotated secret overlaps the new one), a <c>v1</c> the hex HMAC-SHA256 of
    /// "t.body" under the secret, compared in constant time; t within the tolerance of <paramref name="now"/>.
    /// </summary>
    public static bool Verifies(ReceivedPost post, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = (post.Signature ?? string.Empty).Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var timestamps = parts.Where(p => p[0] == "t").Select(p => p[1]).ToList();
        if (timestamps.Count != 1 || !long.TryParse(timestamps[0], out long timestamp))
        {
            return false;
        }

        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamps[0]}.{post.Body}"));
        return parts.Where(p => p[0] == "v1").Any(p => Matches(expected, p[1]))
            && (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() <= tolerance;
    }

    /// <summary>How many <c>v1</c> signatures the post's header carries.</summary>
    public static int SignatureCount(ReceivedPost post) =>
        (post.Signature ?? string.Empty).Split(',').Count(p => p.StartsWith("v1=", StringComparison.Ordinal));

    private static bool Matches(byte[] expected, string hex)
    {
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
