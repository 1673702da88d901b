using System.Diagnostics;
using System.Text.Json;

namespace Billing.LoadTest;

/// <summary>One request of a phase, prepared (body serialized) before the clock starts.</summary>
internal sealed record PlannedRequest(HttpMethod Method, string Path, byte[]? Body);

/// <summary>
/// What one request got: the HTTP status, or <see cref="NoAnswer"/> when none came (time-out, connection error),
/// the time from sending to the last byte of the answer, and the answer's body.
/// </summary>
internal sealed record Answer(int Status, double LatencyMs, byte[] Body, string? Failure)
{
    public const int NoAnswer = -1;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The problem-details <c>code</c> of a refusal; null for a success or a body without one.</summary>
    public string? Code => IsSuccess || Body.Length == 0 ? Failure : Property("code") ?? Failure;

    /// <summary>A top-level string property of the JSON body, or null.</summary>
    public string? Property(string name)
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Drives a list of prepared requests with a fixed number of concurrent clients, each sending its next request as
/// soon as its previous one is answered (a closed loop). Bounded twice: no request is sent after the time limit, and
/// requests still in flight then are given <see cref="Grace"/> before they are abandoned. Given one HTTP client per
/// host, client <c>k</c> sends through host <c>k mod hosts</c> (issue 19: the clients spread round-robin).
/// </summary>
internal sealed class LoadDriver(IReadOnlyList<HttpClient> hosts)
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public async Task<PhaseResult> RunAsync(string name, IReadOnlyList<PlannedRequest> requests, int clients, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var answers = new Answer?[requests.Count];
        int next = -1;
        int stoppedByTime = 0;
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        abandon.CancelAfter(timeLimit + Grace);
        long started = Stopwatch.GetTimestamp();
        long deadline = started + (long)(timeLimit.TotalSeconds * Stopwatch.Frequency);

        async Task ClientLoopAsync(HttpClient client)
        {
            while (true)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= requests.Count)
                {
                    return;
                }

                if (Stopwatch.GetTimestamp() >= deadline)
                {
                    Volatile.Write(ref stoppedByTime, 1);
                    return;
                }

                answers[index] = await SendAsync(client, requests[index], abandon.Token, cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(k => Task.Run(() => ClientLoopAsync(hosts[k % hosts.Count]), CancellationToken.None)));
        cancellationToken.ThrowIfCancellationRequested();
        return new PhaseResult(name, answers, Stopwatch.GetElapsedTime(started), stoppedByTime == 1);
    }

    private static async Task<Answer> SendAsync(HttpClient client, PlannedRequest planned, CancellationToken abandon, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(planned.Method, planned.Path);
            if (planned.Body is not null)
            {
                request.Content = Loopback.Json(planned.Body);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, abandon);
            byte[] body = await response.Content.ReadAsByteArrayAsync(abandon);
            return new Answer((int)response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds, body, Failure: null);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Answer(Answer.NoAnswer, Stopwatch.GetElapsedTime(start).TotalMilliseconds, [], exception.GetType().Name);
        }
    }
}

/// <summary>The answers of one phase of a run and its wall-clock time (from the first request sent to the last answer).</summary>
internal sealed class PhaseResult(string name, Answer?[] answers, TimeSpan elapsed, bool stoppedByTimeLimit)
{
    public string Name { get; } = name;

    /// <summary>One per planned request, in plan order; null for a request not sent because the time limit came first.</summary>
    public IReadOnlyList<Answer?> Answers { get; } = answers;

    public TimeSpan Elapsed { get; } = elapsed;

    public bool StoppedByTimeLimit { get; } = stoppedByTimeLimit;

    public int Planned => Answers.Count;

    public int Sent => Answers.Count(a => a is not null);

    public int Answered => Answers.Count(a => a is { Status: > 0 });

    public int Succeeded => Answers.Count(a => a is { IsSuccess: true });

    public double PerSecond(int count) => count / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>Latency percentiles over every answered request (successes and refusals alike).</summary>
    public LatencySummary Latency() => LatencySummary.Of(Answers.Where(a => a is { Status: > 0 }).Select(a => a!.LatencyMs));

    /// <summary>Answers grouped by status and problem code, the most frequent first.</summary>
    public IReadOnlyList<(string Outcome, int Count)> Outcomes() =>
        Answers.Where(a => a is not null)
            .GroupBy(a => a!.Status == Answer.NoAnswer ? $"no answer ({a.Failure})" : a.IsSuccess ? $"{a.Status}" : $"{a.Status} {a.Code}")
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(o => o.Item2)
            .ToList();
}

/// <summary>Latency percentiles in milliseconds (nearest rank).</summary>
internal sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> latencies)
    {
        double[] sorted = latencies.Order().ToArray();
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0, 0)
            : new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
