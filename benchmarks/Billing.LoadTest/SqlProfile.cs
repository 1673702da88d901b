using System.Globalization;
using System.Text.RegularExpressions;

namespace Billing.LoadTest;

/// <summary>
/// <c>--sql</c>: sends each profile group's requests one at a time to a host that logs every SQL statement EF Core
/// runs (one line each, with the request it ran for as a log scope), then counts the statements per request: those
/// run inside the HTTP request, and those the background (the outbox dispatcher and the event handlers) ran for it.
/// </summary>
internal static partial class SqlProfile
{
    private const string ExecutedCommand = "Microsoft.EntityFrameworkCore.Database.Command[20101]";
    private const string TransactionCategory = "Microsoft.EntityFrameworkCore.Database.Transaction[";
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>EF Core's transaction events that are SQL statements of their own (RelationalEventId).</summary>
    private static readonly Dictionary<string, string> TransactionStatements = new()
    {
        ["20200"] = "BEGIN (EF Core's own transaction)",
        ["20202"] = "COMMIT (EF Core's own transaction)",
        ["20213"] = "SAVEPOINT (EF Core, around SaveChanges in a transaction)",
        ["20215"] = "ROLLBACK TO SAVEPOINT (EF Core)",
        ["20217"] = "RELEASE SAVEPOINT (EF Core)",
    };

    public static async Task RunAsync(Benchmark benchmark, HostProcess host, LoadDriver driver, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine("SQL profile: each group's requests sent one at a time, after the warm-up; statements counted from the");
        output.WriteLine("host's EF Core command log. Not counted there: the BEGIN IMMEDIATE and COMMIT that DbSession runs around");
        output.WriteLine("each command (one pair per transaction), and the PRAGMAs it runs when a scope opens its connection.");
        foreach (var group in benchmark.ProfileGroups())
        {
            if (group.Setup.Count > 0)
            {
                await driver.RunAsync("setup", group.Setup, clients: 1, TimeLimit, cancellationToken);
            }

            await SettleAsync(host, cancellationToken);
            int mark = host.LineCount;
            var result = await driver.RunAsync(group.Name, group.Profiled, clients: 1, TimeLimit, cancellationToken);
            await SettleAsync(host, cancellationToken);
            Print(group.Name, result, host.LinesSince(mark), output);
        }
    }

    private static async Task SettleAsync(HostProcess host, CancellationToken cancellationToken)
    {
        await host.WaitUntilIdleAsync(TimeSpan.FromSeconds(30), cancellationToken);
        // The console logger writes from a queue: give it time to write what the idle host logged last.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
    }

    private static void Print(string name, PhaseResult result, IReadOnlyList<string> lines, TextWriter output)
    {
        int requests = Math.Max(result.Answered, 1);
        var statements = lines.Select(Classify).OfType<Statement>().ToList();
        var latency = result.Latency();
        output.WriteLine();
        output.WriteLine($"{name}: {result.Answered} requests ({string.Join(", ", result.Outcomes().Select(o => $"{o.Outcome} ×{o.Count}"))}), one at a time: p50 {latency.P50:0.00} ms, p99 {latency.P99:0.00} ms");
        foreach (var (title, inRequest) in new[] { ("in the request", true), ("in the background (outbox dispatcher, event handlers), per request", false) })
        {
            var mine = statements.Where(s => s.InRequest == inRequest).ToList();
            output.WriteLine($"  {title}: {Per(mine.Count, requests)} statements");
            foreach (var kind in mine.GroupBy(s => s.Kind).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"    {Per(kind.Count(), requests),7}  {kind.Key}");
            }
        }
    }

    private static string Per(int count, int requests) => (count / (double)requests).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A statement of a log line, or null for any other line.</summary>
    private static Statement? Classify(string line)
    {
        bool inRequest = line.Contains("RequestPath:", StringComparison.Ordinal);
        if (line.Contains(ExecutedCommand, StringComparison.Ordinal))
        {
            int end = line.IndexOf("CommandTimeout=", StringComparison.Ordinal);
            string sql = end < 0 ? line : line[(line.IndexOf(']', end) + 1)..].Trim();
            var table = TablePattern().Match(sql);
            string verb = sql.Split(' ', 2)[0].ToUpperInvariant();
            return new Statement(inRequest, table.Success ? $"{verb} {table.Groups[1].Value}" : verb);
        }

        int category = line.IndexOf(TransactionCategory, StringComparison.Ordinal);
        if (category >= 0)
        {
            int start = category + TransactionCategory.Length;
            string eventId = line[start..line.IndexOf(']', start)];
            return TransactionStatements.TryGetValue(eventId, out string? kind) ? new Statement(inRequest, kind) : null;
        }

        return null;
    }

    [GeneratedRegex("""(?:FROM|INTO|UPDATE)\s+"?([A-Za-z_]+)"?""")]
    private static partial Regex TablePattern();

    private sealed record Statement(bool InRequest, string Kind);
}
