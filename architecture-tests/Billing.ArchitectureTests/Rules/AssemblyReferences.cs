using System.Reflection;
using System.Text.RegularExpressions;

namespace Billing.ArchitectureTests.Rules;

/// <summary>
/// Rules on what a compiled assembly references, which NetArchTest does not look at: the compiler keeps a
/// reference only to an assembly whose types the code uses.
/// </summary>
internal static class AssemblyReferences
{
    /// <summary>The assembly references no assembly with one of these names; <c>*</c> stands for any characters.</summary>
    public static RuleResult ReferenceNone(Assembly assembly, IEnumerable<string> forbiddenNamePatterns)
    {
        var patterns = forbiddenNamePatterns
            .Select(pattern => new Regex($"^{Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal)}$", RegexOptions.CultureInvariant))
            .ToList();
        List<string> reasons =
        [
            .. assembly.GetReferencedAssemblies()
                .Select(reference => reference.Name!)
                .Where(name => patterns.Exists(pattern => pattern.IsMatch(name)))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(name => $"references {name}"),
        ];
        return RuleResult.OfAssembly(assembly.GetName().Name!, reasons);
    }
}
