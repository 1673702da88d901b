using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Billing.TestKit;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 14: the README's curl walk-through is run, as written, against the real host on a socket, and every output
/// it shows must be what the host prints. The blocks opened with <c>```bash walk-through</c> run in order in one bash
/// session; the <c>```text</c> block after each is its expected output.
/// </summary>
public sealed partial class ReadmeWalkThroughTests
{
    private const string ReadmeBaseAddress = "http://localhost:5080";
    private const string Separator = "@@walk-through-block-end@@";

    private sealed record Step(int Line, string Script, string Expected);

    [Fact]
    public async Task Every_walk_through_block_of_the_readme_prints_on_a_clean_host_exactly_what_the_readme_shows()
    {
        var steps = Steps(File.ReadAllLines(SourceTree.File("README.md")));
        Assert.True(steps.Count >= 4, $"only {steps.Count} walk-through blocks found in README.md");
        Assert.StartsWith("A='Authorization", steps[0].Script, StringComparison.Ordinal);
        Assert.Contains("/test-clock", steps[0].Script, StringComparison.Ordinal);

        using var host = KestrelHost.Start(new Dictionary<string, string>
        {
            ["Auth:AdminTokens:0"] = "dev-admin-token",
            ["Auth:BusinessTokens:0"] = "dev-business-token",
        });
        string baseAddress = host.BaseAddress.ToString().TrimEnd('/');
        var script = new StringBuilder("exec 2>&1\n");
        foreach (var step in steps)
        {
            script.Append(step.Script.Replace(ReadmeBaseAddress, baseAddress, StringComparison.Ordinal)).Append('\n')
                .Append("printf '\\n").Append(Separator).Append("\\n'\n");
        }

        string output = await RunBashAsync(script.ToString());
        var actual = output.Split(Separator + "\n").Select(Normalize).ToList();

        var mismatches = new List<string>();
        var received = new StringBuilder();
        for (int i = 0; i < steps.Count; i++)
        {
            string printed = i < actual.Count ? actual[i] : "(nothing: the script ended early)";
            received.Append(Invariant($"README.md line {steps[i].Line}:\n```text\n{printed}\n```\n\n"));
            if (printed != Normalize(steps[i].Expected))
            {
                mismatches.Add(Invariant($"README.md line {steps[i].Line}: the README shows\n{steps[i].Expected}\nbut the host printed\n{printed}"));
            }
        }

        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "README.walk-through.received.txt"), received.ToString());
        Assert.True(mismatches.Count == 0, string.Join("\n\n", mismatches));
    }

    [Fact]
    public void The_normalization_replaces_only_the_random_part_of_ids_and_trailing_spaces() =>
        Assert.Equal(
            "Subscription  sub_… (plan-a)\n{\"id\":\"conv_…\",\"cid\":\"cid_…\",\"status\":\"x\"}\npayment_required_by_account",
            Normalize("\nSubscription  sub_k3v9q2m8x7d4w1c5 (plan-a)   \n{\"id\":\"conv_abcdefghijkmnpqr\",\"cid\":\"cid_abcdefghijkmnpqrstu\",\"status\":\"x\"}\npayment_required_by_account\n\n"));

    /// <summary>Each walk-through bash block with the text block that follows it; a block without one is an error.</summary>
    private static List<Step> Steps(string[] lines)
    {
        var blocks = new List<(int Line, string Info, string Body)>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            int start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i] != "```"; i++)
            {
                body.Add(lines[i]);
            }

            blocks.Add((start + 1, lines[start][3..].Trim(), string.Join('\n', body)));
        }

        var steps = new List<Step>();
        for (int b = 0; b < blocks.Count; b++)
        {
            if (blocks[b].Info != "bash walk-through")
            {
                continue;
            }

            Assert.True(b + 1 < blocks.Count && blocks[b + 1].Info == "text", $"README.md line {blocks[b].Line}: a walk-through block must be followed by the ```text block of its output");
            steps.Add(new Step(blocks[b].Line, blocks[b].Body, blocks[b + 1].Body));
        }

        return steps;
    }

    /// <summary>Trailing spaces and blank lines around the output go; the random part of every id reads <c>…</c>.</summary>
    private static string Normalize(string output)
    {
        string ids = RandomId().Replace(output, "${prefix}_…");
        return string.Join('\n', ids.Split('\n').Select(l => l.TrimEnd())).Trim('\n');
    }

    private static async Task<string> RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", "-s")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync(script);
        bash.StandardInput.Close();
        var output = bash.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await bash.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            throw new TimeoutException("The walk-through did not finish within 2 minutes: " + await output);
        }

        return await output;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex(@"\b(?<prefix>sub|red|coupon|conv|cerr|cid)_[a-z0-9]{16,20}\b")]
    private static partial Regex RandomId();
}
