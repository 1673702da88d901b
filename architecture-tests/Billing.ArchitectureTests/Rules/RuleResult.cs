using System.Text;
using NetArchTest.Rules;

namespace Billing.ArchitectureTests.Rules;

/// <summary>One type or assembly that breaks a rule, and why (for instance, each forbidden namespace it uses).</summary>
/// <param name="Name">The type's full name (nested types joined with '+'), or the assembly's name.</param>
/// <param name="Reasons">What breaks the rule, one line each, such as <c>depends on MediatR</c>.</param>
internal sealed record Violation(string Name, IReadOnlyList<string> Reasons);

/// <summary>
/// The outcome of a rule: what it checked, and what broke it. NetArchTest's <see cref="TestResult"/> names the
/// failing types only; a rule made of several NetArchTest conditions keeps each condition's reason beside them.
/// </summary>
internal sealed class RuleResult
{
    private RuleResult(IReadOnlyList<string> checkedNames, IReadOnlyList<Violation> violations)
    {
        CheckedNames = checkedNames;
        Violations = violations;
    }

    /// <summary>Whether nothing checked broke the rule.</summary>
    public bool IsSuccessful => Violations.Count == 0;

    /// <summary>The types (or assemblies) the rule's conditions were checked on; empty if its selection was empty.</summary>
    public IReadOnlyList<string> CheckedNames { get; }

    /// <summary>Each type (or assembly) that broke the rule, with its reasons.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>The names of the types (or assemblies) that broke the rule.</summary>
    public IReadOnlyList<string> FailingNames => [.. Violations.Select(violation => violation.Name)];

    /// <summary>The result of one NetArchTest condition on <paramref name="checkedTypes"/>, each failing type given <paramref name="reason"/>.</summary>
    public static RuleResult Of(IEnumerable<Type> checkedTypes, TestResult result, string reason) => new(
        [.. checkedTypes.Select(type => type.FullName!).Order(StringComparer.Ordinal)],
        [.. (result.FailingTypeNames ?? []).Select(name => new Violation(name.Replace('/', '+'), [reason]))]);

    /// <summary>The result of a rule on one assembly: its name, and the reasons it breaks the rule, if any.</summary>
    public static RuleResult OfAssembly(string assemblyName, IReadOnlyList<string> reasons) =>
        new([assemblyName], reasons.Count == 0 ? [] : [new Violation(assemblyName, reasons)]);

    /// <summary>One result for several conditions: everything each checked, and each failing name with all its reasons.</summary>
    public static RuleResult Combine(params IEnumerable<RuleResult> results)
    {
        var all = results.ToList();
        return new RuleResult(
            [.. all.SelectMany(result => result.CheckedNames).Distinct(StringComparer.Ordinal)],
            [
                .. all.SelectMany(result => result.Violations)
                    .GroupBy(violation => violation.Name, StringComparer.Ordinal)
                    .Select(group => new Violation(group.Key, [.. group.SelectMany(violation => violation.Reasons).Distinct().Order(StringComparer.Ordinal)])),
            ]);
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
