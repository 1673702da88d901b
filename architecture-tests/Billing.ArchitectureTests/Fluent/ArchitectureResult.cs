using System.Text;

namespace Billing.ArchitectureTests.Fluent;

/// <summary>One type or assembly that breaks a rule, and why (for instance, each forbidden type it uses).</summary>
/// <param name="Name">The type's full name (nested types joined with '+'), or the assembly's name.</param>
/// <param name="Reasons">What breaks the rule, one line each, such as <c>depends on MediatR.IMediator</c>.</param>
internal sealed record Violation(string Name, IReadOnlyList<string> Reasons);

/// <summary>The outcome of a rule: what it checked, and what broke it.</summary>
internal sealed class ArchitectureResult
{
    internal ArchitectureResult(IReadOnlyList<string> checkedNames, IReadOnlyList<Violation> violations)
    {
        CheckedNames = checkedNames;
        Violations = violations;
    }

    /// <summary>Whether nothing checked broke the rule.</summary>
    public bool IsSuccessful => Violations.Count == 0;

    /// <summary>The types (or assemblies) the rule's conditions were checked on; empty if its filter selected nothing.</summary>
    public IReadOnlyList<string> CheckedNames { get; }

    /// <summary>Each type (or assembly) that broke the rule, with its reasons.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>The names of the types (or assemblies) that broke the rule.</summary>
    public IReadOnlyList<string> FailingNames => [.. Violations.Select(violation => violation.Name)];

    /// <summary>One result for several rules: everything each checked, everything that broke any of them.</summary>
    public static ArchitectureResult Combine(params IEnumerable<ArchitectureResult> results)
    {
        var all = results.ToList();
        return new ArchitectureResult([.. all.SelectMany(result => result.CheckedNames)], [.. all.SelectMany(result => result.Violations)]);
    }

    /// <summary>A report fit for an assertion message: each violation with its reasons.</summary>
    public override string ToString()
    {
        if (IsSuccessful)
        {
            return $"Rule holds for all {CheckedNames.Count} checked.";
        }

        var report = new StringBuilder($"Rule broken by {Violations.Count} of {CheckedNames.Count} checked:");
        foreach (var violation in Violations)
        {
            report.AppendLine().Append("  ").Append(violation.Name);
            foreach (string reason in violation.Reasons)
            {
                report.AppendLine().Append("    - ").Append(reason);
            }
        }

        return report.ToString();
    }
}
