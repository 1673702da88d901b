using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Billing.Benchmarks;

/// <summary>
/// Issue 21, "the API while the bill run runs": the bill run of <see cref="BillRunBenchmark"/> alone, then again on a
/// fresh seed while <c>clients</c> concurrent clients redeem a coupon on fresh accounts the whole time. Reports the
/// redemptions' rate and p50/p99 before the bill run (baseline) and during it, and the bill run's time under load
/// against alone; both bill runs are verified as the bill-run benchmark verifies them, and every answered redemption
/// must be 201.
/// </summary>
internal static class BillRunUnderLoadBenchmark
{
    private static readonly TimeSpan Baseline = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(int subscriptions, int clients)
    {
        var alone = await BillRunBenchmark.TimedRunAsync(subscriptions, loadAccounts: 0, duringRun: null);
        Console.WriteLine($"alone:      {subscriptions} renewals in {alone.Elapsed.TotalSeconds:F2} s = {subscriptions / alone.Elapsed.TotalSeconds:F0} renewals/s");

        var samples = new ConcurrentQueue<(bool During, double Milliseconds, HttpStatusCode Status)>();
        bool during = false;
        var loaded = await BillRunBenchmark.TimedRunAsync(subscriptions, loadAccounts: 200_000, duringRun: async (host, startBillRun) =>
        {
            using var stop = new CancellationTokenSource();
            int next = 0;
            var load = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    int account = Interlocked.Increment(ref next);
                    var watch = Stopwatch.StartNew();
                    using var response = await host.Client.PostAsync(
                        $"/api/accounts/load{account}/redemptions",
                        new StringContent("""{"coupon_code":"PCT10","currency":"USD"}""", Encoding.UTF8, "application/json"));
                    samples.Enqueue((Volatile.Read(ref during), watch.Elapsed.TotalMilliseconds, response.StatusCode));
                }
            })).ToList();
            await Task.Delay(Baseline);
            Volatile.Write(ref during, true);
            var elapsed = await startBillRun();
            await stop.CancelAsync();
            await Task.WhenAll(load);
            return elapsed;
        });

        var before = samples.Where(s => !s.During).ToList();
        var whileRunning = samples.Where(s => s.During).ToList();
        Console.WriteLine($"baseline:   {Describe(before, Baseline)}");
        Console.WriteLine($"during:     {Describe(whileRunning, loaded.Elapsed)}");
        Console.WriteLine($"under load: {subscriptions} renewals in {loaded.Elapsed.TotalSeconds:F2} s = {subscriptions / loaded.Elapsed.TotalSeconds:F0} renewals/s ({loaded.Elapsed / alone.Elapsed:F2}× the time alone; target ≤ 1.25×)");
        int refused = samples.Count(s => s.Status != HttpStatusCode.Created);
        if (refused > 0)
        {
            Console.WriteLine($"  check failed: {refused} redemptions were not answered 201");
        }

        int failures = alone.Failures + loaded.Failures + (refused > 0 ? 1 : 0);
        Console.WriteLine(failures == 0 ? "verified:   both bill runs verified, every redemption answered 201" : $"FAILED:     {failures} verification failure(s)");
        return failures == 0 ? 0 : 1;
    }

    private static string Describe(List<(bool During, double Milliseconds, HttpStatusCode Status)> samples, TimeSpan over)
    {
        if (samples.Count == 0)
        {
            return "no redemption answered";
        }

        var sorted = samples.Select(s => s.Milliseconds).Order().ToArray();
        double Rank(double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
        return $"{samples.Count} redemptions in {over.TotalSeconds:F1} s = {samples.Count / over.TotalSeconds:F0}/s, p50 {Rank(0.50):F1} ms, p99 {Rank(0.99):F1} ms, max {sorted[^1]:F1} ms (target p99 ≤ 50 ms)";
    }
}
