using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Billing.LoadTest;

/// <summary>
/// One run: builds the host if needed, starts it (or, on PostgreSQL, several on one database), seeds, warms up,
/// measures the endpoint, waits for the hosts' background work, measures the endpoint's ceiling on its own copy of the
/// data (issue 21: the same guarded statements without MediatR, EF Core or the outbox) and <c>GET /health</c> with the
/// same clients and count (what the stack alone costs), reads back and checks what both stored, prints one report, and
/// always kills the hosts (and drops a PostgreSQL run's database).
/// </summary>
internal static class LoadRun
{
    private const string Trivial = "GET /health";
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var repository = Repository.Locate();
        await repository.EnsureHostBuiltAsync(output, cancellationToken);
        var benchmark = Create(options, Variant.Endpoint);
        var ceiling = options.Ceiling && !options.SqlProfile ? Create(options, Variant.Ceiling) : null;

        var seeding = Stopwatch.StartNew();
        await using var hosts = await HostGroup.StartAsync(repository, options, ceiling is not null, cancellationToken);
        var host = hosts.First;
        using var api = new BillingApi(host);
        await benchmark.SeedAsync(api, cancellationToken);
        if (ceiling is not null)
        {
            await ceiling.SeedAsync(api, cancellationToken);
        }

        output.WriteLine($"host(s) {string.Join(", ", hosts.Hosts.Select(h => h.BaseAddress))} started and seeded in {seeding.Elapsed.TotalSeconds:0.0} s; warming up with {benchmark.WarmUp.Count} requests{(ceiling is null ? string.Empty : " (and as many on the ceiling)")}");

        var driver = new LoadDriver(hosts.LoadClients(options.Clients, TimeSpan.FromSeconds(30)));
        var warmUp = await driver.RunAsync("warm-up", benchmark.WarmUp, options.Clients, options.TimeLimit, cancellationToken);
        if (options.SqlProfile)
        {
            await SqlProfile.RunAsync(benchmark, host, driver, output, cancellationToken);
            return 0;
        }

        var ceilingWarmUp = ceiling is null ? null : await driver.RunAsync("warm-up ceiling", ceiling.WarmUp, options.Clients, options.TimeLimit, cancellationToken);
        await hosts.WaitUntilIdleAsync(SettleLimit, cancellationToken);
        var endpoint = await MeasureAsync(driver, hosts, benchmark.Endpoint, benchmark.Measured, options, cancellationToken);
        var limit = ceiling is null ? null : await MeasureAsync(driver, hosts, ceiling.Endpoint, ceiling.Measured, options, cancellationToken);

        var health = Enumerable.Repeat(new PlannedRequest(HttpMethod.Get, "/health", Body: null), options.Requests).ToList();
        await driver.RunAsync("warm-up /health", health.Take(benchmark.WarmUp.Count).ToList(), options.Clients, options.TimeLimit, cancellationToken);
        var trivial = await MeasureAsync(driver, hosts, Trivial, health, options, cancellationToken);

        var checks = (await benchmark.VerifyAsync(api, warmUp, endpoint.Phase, cancellationToken)).ToList();
        if (ceiling is not null)
        {
            checks.AddRange((await ceiling.VerifyAsync(api, ceilingWarmUp!, limit!.Phase, cancellationToken)).Select(c => c with { Description = $"ceiling: {c.Description}" }));
        }

        Print(output, options, benchmark, hosts, endpoint, limit, trivial, checks);
        return checks.Any(c => c.Result == CheckResult.Failed) ? 1 : 0;
    }

    private static Benchmark Create(LoadOptions options, Variant variant) => options.Scenario switch
    {
        Scenario.Redemptions => new RedemptionBenchmark(options, variant),
        _ => new ConversionBenchmark(options, variant),
    };

    private static async Task<Measurement> MeasureAsync(LoadDriver driver, HostGroup hosts, string name, IReadOnlyList<PlannedRequest> requests, LoadOptions options, CancellationToken cancellationToken)
    {
        var hostCpu = hosts.HostCpuTime();
        var serverCpu = hosts.ServerCpuTime();
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var phase = await driver.RunAsync(name, requests, options.Clients, options.TimeLimit, cancellationToken);
        var ownCpuUsed = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        var hostCpuInPhase = hosts.HostCpuTime() - hostCpu;
        var serverCpuInPhase = hosts.ServerCpuTime() - serverCpu;
        var busyAfter = await hosts.WaitUntilIdleAsync(SettleLimit, cancellationToken);
        return new Measurement(phase, hostCpuInPhase, hosts.HostCpuTime() - hostCpu, serverCpuInPhase, ownCpuUsed, busyAfter);
    }

    private static void Print(TextWriter output, LoadOptions options, Benchmark benchmark, HostGroup hosts, Measurement endpoint, Measurement? ceiling, Measurement trivial, IReadOnlyList<Check> checks)
    {
        Measurement[] measured = ceiling is null ? [endpoint, trivial] : [endpoint, ceiling, trivial];
        var now = TimeProvider.System.GetUtcNow();
        double memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        output.WriteLine();
        output.WriteLine($"== Billing load test: {options.Scenario.ToString().ToLowerInvariant()} ==");
        output.WriteLine($"{now:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} logical cores, {memoryGiB:0.0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine($"host(s) and generator{(hosts.Database is null ? string.Empty : " (and the PostgreSQL server, when it runs here)")} share this machine's cores; host: Release build, Production settings, {hosts.Description}");
        output.WriteLine($"load: {options.Clients} clients, {options.Requests} requests per phase (time limit {options.TimeLimit.TotalSeconds:0} s each), after {benchmark.WarmUp.Count} warm-up requests");
        output.WriteLine($"data: {benchmark.Workload}");
        output.WriteLine();
        output.WriteLine($"{"endpoint",-40} {"sent",7} {"answered",8} {"2xx",7} {"2xx/s",8} {"answered/s",10} {"p50 ms",7} {"p90 ms",7} {"p99 ms",7} {"max ms",7}");
        foreach (var measurement in measured)
        {
            var phase = measurement.Phase;
            var latency = phase.Latency();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{phase.Name,-40} {phase.Sent,7} {phase.Answered,8} {phase.Succeeded,7} {phase.PerSecond(phase.Succeeded),8:0} {phase.PerSecond(phase.Answered),10:0} {latency.P50,7:0.00} {latency.P90,7:0.00} {latency.P99,7:0.00} {latency.Max,7:0.0}"));
        }

        output.WriteLine();
        foreach (var measurement in measured)
        {
            var phase = measurement.Phase;
            int answered = Math.Max(phase.Answered, 1);
            output.WriteLine($"{phase.Name}: {phase.Elapsed.TotalSeconds:0.00} s{(phase.StoppedByTimeLimit ? ", stopped by the time limit" : string.Empty)}; outcomes {string.Join(", ", phase.Outcomes().Select(o => $"{o.Outcome} ×{o.Count}"))}");
            double seconds = Math.Max(phase.Elapsed.TotalSeconds, 1e-9);
            string server = hosts.Database is not { MeasuresServerCpu: true }
                ? string.Empty
                : $"PostgreSQL server {measurement.ServerCpu.TotalMilliseconds / answered:0.000} ms ({measurement.ServerCpu.TotalSeconds / seconds:0.00} cores); ";
            output.WriteLine($"  CPU per answered request: host(s) {measurement.HostCpu.TotalMilliseconds / answered:0.000} ms in the phase ({measurement.HostCpu.TotalSeconds / seconds:0.00} cores), "
                + $"{measurement.HostCpuWithBackground.TotalMilliseconds / answered:0.000} ms with the background work after it; {server}generator {measurement.OwnCpu.TotalMilliseconds / answered:0.000} ms ({measurement.OwnCpu.TotalSeconds / seconds:0.00} cores); "
                + $"host(s) busy {measurement.BusyAfter.TotalSeconds:0.0} s after the last answer");
        }

        var endpointPhase = endpoint.Phase;
        var trivialPhase = trivial.Phase;
        double endpointRate = endpointPhase.PerSecond(endpointPhase.Succeeded);
        double sustainedRate = endpointPhase.Succeeded / Math.Max((endpointPhase.Elapsed + endpoint.BusyAfter).TotalSeconds, 1e-9);
        double trivialRate = trivialPhase.PerSecond(trivialPhase.Succeeded);
        var endpointLatency = endpointPhase.Latency();
        var trivialLatency = trivialPhase.Latency();
        output.WriteLine($"sustained: {sustainedRate:0} {benchmark.SuccessUnit}/s counting the host's background work after the last answer "
            + "(the outbox dispatcher delivering the run's events), which a longer run would have to keep up with");
        output.WriteLine();
        double? ceilingRate = ceiling is null ? null : ceiling.Phase.PerSecond(ceiling.Phase.Succeeded);
        if (ceiling is not null)
        {
            var ceilingLatency = ceiling.Phase.Latency();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"ceiling: endpoint ÷ ceiling = {endpointRate / Math.Max(ceilingRate!.Value, 1e-9):0.00} of the ceiling's {benchmark.SuccessUnit}/s (target ≥ 0.5), endpoint ÷ {Trivial} = {endpointRate / Math.Max(trivialRate, 1e-9):0.000}; "
                + $"ceiling ÷ {Trivial} = {ceilingRate.Value / Math.Max(trivialRate, 1e-9):0.000}; the ceiling's p50 {ceilingLatency.P50:0.00} ms, p99 {ceilingLatency.P99:0.00} ms"));
        }

        output.WriteLine($"stack cost: {Trivial} answers {Ratio(trivialRate, endpointRate)} the requests per second of the endpoint; "
            + $"the endpoint's p50 is {Ratio(endpointLatency.P50, trivialLatency.P50)} and its p99 {Ratio(endpointLatency.P99, trivialLatency.P99)} those of {Trivial}");
        var (targetRate, targetP99) = benchmark.Target;
        bool met = endpointRate >= targetRate && (targetP99 is null || endpointLatency.P99 <= targetP99);
        output.WriteLine($"target: ≥ {targetRate:0} {benchmark.SuccessUnit}/s{(targetP99 is { } p99 ? $" at p99 ≤ {p99:0} ms" : string.Empty)}: "
            + $"{(met ? "met" : "missed")} ({endpointRate:0} {benchmark.SuccessUnit}/s, p99 {endpointLatency.P99:0.0} ms) — informational: slowness never fails a run");
        output.WriteLine();
        output.WriteLine("checks:");
        foreach (var check in checks)
        {
            output.WriteLine($"  {check.Result switch { CheckResult.Passed => "PASS", CheckResult.Warning => "WARN", _ => "FAIL" }}  {check.Description}");
        }

        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"RESULT {options.Scenario.ToString().ToLowerInvariant()} database={(hosts.Database is null ? "sqlite" : "postgres")} hosts={hosts.Hosts.Count} ok/s={endpointRate:0} sustained/s={sustainedRate:0} answered/s={endpointPhase.PerSecond(endpointPhase.Answered):0} p50={endpointLatency.P50:0.00} p99={endpointLatency.P99:0.00} "
            + $"health/s={trivialRate:0} health_p50={trivialLatency.P50:0.00} health_p99={trivialLatency.P99:0.00} ratio={trivialRate / Math.Max(endpointRate, 1e-9):0.0} "
            + $"{(ceilingRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"ceiling/s={rate:0} ceiling_p99={ceiling!.Phase.Latency().P99:0.00} endpoint_to_ceiling={endpointRate / Math.Max(rate, 1e-9):0.00} endpoint_to_health={endpointRate / Math.Max(trivialRate, 1e-9):0.000} ") : string.Empty)}"
            + $"checks={(checks.Any(c => c.Result == CheckResult.Failed) ? "FAIL" : "PASS")}"));
    }

    private static string Ratio(double numerator, double denominator) =>
        denominator <= 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{numerator / denominator:0.0}×");

    /// <summary>A measured phase with the CPU it cost: the hosts' during the phase and until they were idle again, the PostgreSQL server's and the generator's during it.</summary>
    private sealed record Measurement(PhaseResult Phase, TimeSpan HostCpu, TimeSpan HostCpuWithBackground, TimeSpan ServerCpu, TimeSpan OwnCpu, TimeSpan BusyAfter);
}
