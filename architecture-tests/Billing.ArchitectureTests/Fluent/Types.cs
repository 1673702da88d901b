namespace Billing.ArchitectureTests.Fluent;

/// <summary>
/// Rules on the types of a compiled assembly, in the manner of NetArchTest:
/// <code>
/// Types.InAssembly(path)
///     .That().ResideInNamespace("Billing.Coupons.Domain")
///     .Should().NotHaveDependencyOnAny("Microsoft.EntityFrameworkCore", "MediatR")
///     .GetResult();
/// </code>
/// Nothing is read until <see cref="TypeConditions.GetResult"/>.
/// </summary>
internal static class Types
{
    /// <summary>Starts a rule on every type declared in the assembly at <paramref name="assemblyPath"/>.</summary>
    public static TypeSelection InAssembly(string assemblyPath) => new(assemblyPath);
}

/// <summary>The types a rule applies to: all of the assembly's, or those that pass the filters of <see cref="That"/>.</summary>
internal sealed class TypeSelection
{
    internal TypeSelection(string assemblyPath) => AssemblyPath = assemblyPath;

    internal string AssemblyPath { get; }

    internal List<Func<AnalyzedType, bool>> Filters { get; } = [];

    internal List<Func<AnalyzedType, IEnumerable<string>>> Conditions { get; } = [];

    /// <summary>Narrows the rule to the types that pass the filters that follow.</summary>
    public TypeFilters That() => new(this);

    /// <summary>States what every selected type must satisfy.</summary>
    public TypeConditions Should() => new(this);
}
