namespace Billing.LoadTest;

/// <summary>
/// One benchmark: what it seeds through the API, the requests of its warm-up and measured phases (prepared before
/// the clock starts), the requests it profiles with <c>--sql</c>, and how it proves afterwards that the load broke
/// no rule.
/// </summary>
internal abstract class Benchmark
{
    /// <summary>The endpoint under load, as the report names it.</summary>
    public abstract string Endpoint { get; }

    /// <summary>What a success is, in the report's throughput line ("redemptions", "sales recorded").</summary>
    public abstract string SuccessUnit { get; }

    /// <summary>The target for this endpoint: successes per second, and the p99 latency when it sets one.</summary>
    public abstract (double PerSecond, double? P99Ms) Target { get; }

    /// <summary>One sentence on the data and the request mix.</summary>
    public abstract string Workload { get; }

    /// <summary>The warm-up requests; complete once <see cref="SeedAsync"/> has run.</summary>
    public IReadOnlyList<PlannedRequest> WarmUp { get; protected set; } = [];

    /// <summary>The measured requests; complete once <see cref="SeedAsync"/> has run.</summary>
    public IReadOnlyList<PlannedRequest> Measured { get; protected set; } = [];

    public abstract Task SeedAsync(BillingApi api, CancellationToken cancellationToken);

    /// <summary>The requests <c>--sql</c> sends one at a time, in groups of one kind each.</summary>
    public abstract IReadOnlyList<ProfileGroup> ProfileGroups();

    /// <summary>Reads back what the warm-up and measured phases stored and checks it against the rules and the answers.</summary>
    public abstract Task<IReadOnlyList<Check>> VerifyAsync(BillingApi api, PhaseResult warmUp, PhaseResult measured, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> for each item, a few at a time (seeding and reading back, not measured).</summary>
    protected static Task ForEachAsync<T>(IEnumerable<T> items, CancellationToken cancellationToken, Func<T, CancellationToken, ValueTask> work) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, work);
}

/// <summary>
/// Which copy of a benchmark's data and which route (issue 21): the endpoint itself, or its ceiling — the minimal
/// endpoint of the same host (<c>Billing:Benchmarks:CeilingEndpoints</c>) that runs the same guarded statements
/// directly. Each copy is seeded apart (its own coupons, cids and externalIds) and checked apart, so the two runs
/// never share a cap; accounts and conversion types are seeded once, by the endpoint's copy.
/// </summary>
internal sealed record Variant(string Name, string CodePrefix, string IdPrefix, string? CeilingRoot)
{
    public static readonly Variant Endpoint = new("endpoint", "LOAD", string.Empty, null);

    public static readonly Variant Ceiling = new("ceiling", "CEIL", "ceil_", "/api/benchmarks/ceiling");

    /// <summary>Whether this copy seeds what both share (accounts, settings, conversion types).</summary>
    public bool SeedsShared => CeilingRoot is null;

    /// <summary>The route of an <c>/api/…</c> path for this copy.</summary>
    public string Route(string apiPath) => CeilingRoot is null ? apiPath : CeilingRoot + apiPath["/api".Length..];
}

/// <summary>Requests of one kind for <c>--sql</c>: <see cref="Setup"/> is sent first and not profiled.</summary>
internal sealed record ProfileGroup(string Name, IReadOnlyList<PlannedRequest> Setup, IReadOnlyList<PlannedRequest> Profiled);

/// <summary>
/// A correctness check of a run. A failed check fails the run (exit code 1); a warning is printed only (for what
/// slowness alone can cause, such as a request left unanswered at the time limit).
/// </summary>
internal sealed record Check(CheckResult Result, string Description)
{
    public static Check Of(bool passed, string description) => new(passed ? CheckResult.Passed : CheckResult.Failed, description);
}

internal enum CheckResult
{
    Passed,
    Warning,
    Failed,
}
