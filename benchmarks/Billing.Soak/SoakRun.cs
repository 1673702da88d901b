using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Billing.LoadTest;

namespace Billing.Soak;

/// <summary>
/// One soak run: builds the host if needed, starts it on a data directory of the run's, seeds the catalog, runs the
/// clients while the test clock advances a day at a time and the host is killed and restarted, waits until the jobs
/// and the outboxes have caught up, stops the host, checks the database file and prints one report.
/// </summary>
internal static class SoakRun
{
    private const int BulkCodes = 3_000;
    private static readonly DateTimeOffset ClockStart = new(2031, 1, 1, 9, 0, 0, TimeSpan.Zero);
    /// <summary>How long the run waits for the host's backlog without seeing it shrink before it stops the host anyway.</summary>
    private static readonly TimeSpan NoProgressLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromMinutes(40);

    public static async Task<int> RunAsync(SoakOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var repository = Repository.Locate();
        await repository.EnsureHostBuiltAsync(output, cancellationToken);
        string dataDirectory = Path.Combine(Path.GetTempPath(), "billing-soak", Guid.NewGuid().ToString("N"));
        var journal = new Journal();
        var elapsed = Stopwatch.StartNew();
        IReadOnlyList<CheckResult> checks;
        IReadOnlyList<(string What, long Count)> holdings;
        string settled;
        DateTimeOffset clock;
        int kills, restarts;
        await using (var supervisor = new HostSupervisor(repository, dataDirectory, options.Clients, ClockStart))
        {
            await supervisor.StartAsync(cancellationToken);
            var catalog = await SeedAsync(supervisor.Host, cancellationToken);
            output.WriteLine($"host started on {dataDirectory} and seeded; {options.Clients} clients for {options.Duration.TotalMinutes:0} min (at most {options.Requests} requests), "
                + $"a kill every {options.KillEvery.TotalSeconds:0} s ± 50%, a day every {options.Day.TotalSeconds:0} s, seed {options.Seed}");

            using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            sending.CancelAfter(options.Duration);
            using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var workload = new Workload(supervisor, journal, catalog, options.Requests);
            var clients = Enumerable.Range(0, options.Clients).Select(client => Task.Run(() => workload.RunClientAsync(options.Seed + client, sending.Token, cancellationToken), CancellationToken.None)).ToList();
            var ticker = TickAsync(supervisor, options.Day, background.Token);
            var killer = KillAsync(supervisor, journal, options, new Random(options.Seed), output, elapsed, sending.Token, cancellationToken);
            await Task.WhenAll(clients);
            await background.CancelAsync();
            await Task.WhenAll(Quietly(ticker), Quietly(killer));
            cancellationToken.ThrowIfCancellationRequested();

            string database = Path.Combine(dataDirectory, "billing.db");
            settled = await SettleAsync(database, supervisor.Clock, output, cancellationToken);

            // Two more rounds of the 5-second jobs, then stop the host: the checks read the file alone.
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            await supervisor.StopAsync();
            clock = supervisor.Clock;
            kills = supervisor.Kills;
            restarts = supervisor.Restarts;
            (checks, holdings) = DatabaseChecks.Run(database, journal, clock);
        }

        bool failed = checks.Any(c => c.Violations.Count > 0);
        Print(output, options, journal, checks, holdings, clock, kills, restarts, elapsed.Elapsed);
        output.WriteLine(settled);
        if (failed)
        {
            output.WriteLine($"the data directory is kept for inspection: {dataDirectory}");
        }
        else
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        return failed ? 1 : 0;
    }

    /// <summary>Plans, the coupons the workload names (capped, uncapped, temporal, with a redeem_by, bulk), the conversion types.</summary>
    private static async Task<Catalog> SeedAsync(HostProcess host, CancellationToken cancellationToken)
    {
        using var api = new BillingApi(host);
        await api.PostAsync("/api/plans", new { code = Catalog.Plans[0], name = "Soak basic", interval = new { length = 1, unit = "month" }, currencies = new[] { new { currency = "USD", unit_amount = 15.00m, setup_fee = 5.00m } } }, BillingApi.SnakeCase, cancellationToken);
        await api.PostAsync("/api/plans", new { code = Catalog.Plans[1], name = "Soak pro", interval = new { length = 1, unit = "month" }, currencies = new[] { new { currency = "USD", unit_amount = 30.00m, setup_fee = 0m } } }, BillingApi.SnakeCase, cancellationToken);
        await api.PostAsync("/api/coupons", new { code = Catalog.Uncapped, name = "Ten percent", discount = new { type = "percent", percent = 10 }, duration = new { type = "forever" } }, BillingApi.SnakeCase, cancellationToken);
        await api.PostAsync("/api/coupons", new { code = Catalog.Capped, name = "Capped", discount = new { type = "percent", percent = 20 }, duration = new { type = "billing_periods", periods = 3 }, max_redemptions = Catalog.Cap }, BillingApi.SnakeCase, cancellationToken);
        await api.PostAsync("/api/coupons", new { code = Catalog.Temporal, name = "Two months", discount = new { type = "fixed", amounts = new[] { new { currency = "USD", amount = 5.00m } } }, duration = new { type = "temporal", amount = 2, unit = "month" } }, BillingApi.SnakeCase, cancellationToken);
        string redeemBy = ClockStart.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await api.PostAsync("/api/coupons", new { code = Catalog.RedeemBy, name = "Early bird", discount = new { type = "percent", percent = 5 }, duration = new { type = "forever" }, redeem_by = redeemBy }, BillingApi.SnakeCase, cancellationToken);
        var bulk = await api.PostAsync("/api/coupons", new { code = "SOAK-BULK", name = "Bulk", discount = new { type = "percent", percent = 15 }, duration = new { type = "forever" }, coupon_type = "bulk", unique_code_template = "'SOAK-'xx99**" }, BillingApi.SnakeCase, cancellationToken);
        string bulkId = bulk.GetProperty("id").GetString()!;
        await api.PostAsync($"/api/coupons/{bulkId}/codes", new { count = BulkCodes }, BillingApi.SnakeCase, cancellationToken);
        // A page holds at most 200 (issue 16): the codes are read page by page through the cursor.
        var list = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.GetAsync($"/api/coupons/{bulkId}/codes?state=redeemable&limit=200{(cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}")}", cancellationToken);
            list.AddRange(page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
            cursor = page.GetProperty("has_more").GetBoolean() ? page.GetProperty("next_cursor").GetString() : null;
        }
        while (cursor is not null);

        await api.PostAsync("/api/tracking/conversion-types", new { code = "couponredeem", name = "Coupon redeem" }, BillingApi.SnakeCase, cancellationToken);
        await api.PostAsync("/api/tracking/conversion-types", new { code = "lead", name = "Lead" }, BillingApi.SnakeCase, cancellationToken);
        return new Catalog(bulkId, new ConcurrentQueue<string>(list));
    }

    /// <summary>
    /// Waits until the host has delivered every outbox message and its jobs have caught up with the final clock, as
    /// long as its backlog keeps shrinking; answers what it waited for, for the report.
    /// </summary>
    private static async Task<string> SettleAsync(string database, DateTimeOffset clock, TextWriter output, CancellationToken cancellationToken)
    {
        var first = DatabaseChecks.Backlog(database, clock);
        output.WriteLine($"clients stopped; backlog: {first.Undelivered} outbox messages undelivered, {first.JobsBehind} items the jobs have not reached; waiting");
        var waited = Stopwatch.StartNew();
        var progressAt = TimeSpan.Zero;
        var least = first;
        var backlog = first;
        while ((backlog.Undelivered > 0 || backlog.JobsBehind > 0) && waited.Elapsed < SettleLimit && waited.Elapsed - progressAt < NoProgressLimit)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            backlog = DatabaseChecks.Backlog(database, clock);
            if (backlog.Undelivered + backlog.JobsBehind < least.Undelivered + least.JobsBehind)
            {
                least = backlog;
                progressAt = waited.Elapsed;
            }
        }

        return $"backlog when the clients stopped: {first.Undelivered} outbox messages and {first.JobsBehind} job items; {(backlog.Undelivered + backlog.JobsBehind == 0 ? "cleared" : $"{backlog.Undelivered} and {backlog.JobsBehind} left")} after {waited.Elapsed.TotalSeconds:0} s";
    }

    private static async Task TickAsync(HostSupervisor supervisor, TimeSpan day, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(day);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await supervisor.AdvanceClockAsync(TimeSpan.FromDays(1), cancellationToken);
        }
    }

    /// <summary>Kills and restarts the host at random moments while the clients send (a restart under way when they stop is completed).</summary>
    private static async Task KillAsync(HostSupervisor supervisor, Journal journal, SoakOptions options, Random random, TextWriter output, Stopwatch elapsed, CancellationToken sending, CancellationToken cancellationToken)
    {
        if (options.KillEvery == TimeSpan.Zero)
        {
            return;
        }

        while (!sending.IsCancellationRequested)
        {
            await Task.Delay(options.KillEvery * (0.5 + random.NextDouble()), sending);
            var restart = Stopwatch.StartNew();
            int inFlight = 0;
            await supervisor.KillAndRestartAsync(() => inFlight = journal.InFlightNow, cancellationToken);
            output.WriteLine($"  {elapsed.Elapsed.TotalMinutes:0.0} min: SIGKILL {supervisor.Kills} with {inFlight} requests in flight, restarted in {restart.Elapsed.TotalSeconds:0.0} s, clock {supervisor.Clock:yyyy-MM-dd}");
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The run stopped it.
        }
    }

    private static void Print(TextWriter output, SoakOptions options, Journal journal, IReadOnlyList<CheckResult> checks, IReadOnlyList<(string What, long Count)> holdings, DateTimeOffset clock, int kills, int restarts, TimeSpan elapsed)
    {
        double memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        output.WriteLine();
        output.WriteLine("== Billing soak test ==");
        output.WriteLine($"{TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} logical cores, {memoryGiB:0.0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine($"{options.Clients} clients, {elapsed.TotalMinutes:0.0} min in all, {journal.Sent} requests; {kills} SIGKILLs, {restarts} restarts; test clock {ClockStart:yyyy-MM-dd} → {clock:yyyy-MM-dd}");
        output.WriteLine();
        output.WriteLine($"{"request",-62} {"answer",-44} {"count",7}");
        foreach (var (kind, outcome, count) in journal.Counts())
        {
            output.WriteLine($"{kind,-62} {outcome,-44} {count,7}");
        }

        output.WriteLine();
        output.WriteLine("the database holds:");
        foreach (var (what, count) in holdings)
        {
            output.WriteLine($"  {count,7}  {what}");
        }

        output.WriteLine();
        output.WriteLine("checks (violations):");
        foreach (var check in checks)
        {
            output.WriteLine($"  {check.Violations.Count,5}  {check.Name}");
            foreach (string violation in check.Violations.Take(10))
            {
                output.WriteLine($"         - {violation}");
            }
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT soak requests={journal.Sent} kills={kills} restarts={restarts} violations={checks.Sum(c => c.Violations.Count)}"));
    }
}
