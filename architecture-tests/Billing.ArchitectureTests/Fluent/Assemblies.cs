namespace Billing.ArchitectureTests.Fluent;

/// <summary>
/// Rules on what a compiled assembly references:
/// <code>Assemblies.At(path).Should().NotReferenceAny("Billing.Coupons", "Microsoft.EntityFrameworkCore*").GetResult();</code>
/// The compiler keeps a reference only to an assembly whose types the code uses.
/// </summary>
internal static class Assemblies
{
    /// <summary>Starts a rule on the assembly at <paramref name="assemblyPath"/>.</summary>
    public static AssemblySelection At(string assemblyPath) => new(assemblyPath);
}

/// <summary>The assembly a rule applies to.</summary>
internal sealed class AssemblySelection
{
    private readonly string assemblyPath;

    internal AssemblySelection(string assemblyPath) => this.assemblyPath = assemblyPath;

    /// <summary>States what the assembly must satisfy.</summary>
    public AssemblyConditions Should() => new(assemblyPath);
}

/// <summary>Conditions on an assembly's references.</summary>
internal sealed class AssemblyConditions
{
    private readonly string assemblyPath;
    private readonly List<NamePattern> forbidden = [];

    internal AssemblyConditions(string assemblyPath) => this.assemblyPath = assemblyPath;

    /// <summary>The assembly references no assembly with one of these names; <c>*</c> stands for any characters.</summary>
    public AssemblyConditions NotReferenceAny(params string[] assemblyPatterns)
    {
        forbidden.AddRange(NamePattern.ForAssemblies(assemblyPatterns));
        return this;
    }

    /// <summary>Reads the assembly's references and checks them.</summary>
    public ArchitectureResult GetResult()
    {
        using var assembly = LoadedAssembly.Read(assemblyPath);
        List<string> reasons =
        [
            .. assembly.Definition.Modules
                .SelectMany(module => module.AssemblyReferences)
                .Select(reference => reference.Name)
                .Where(name => forbidden.Exists(pattern => pattern.Matches(name)))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(name => $"references {name}"),
        ];
        return new ArchitectureResult([assembly.Name], reasons.Count == 0 ? [] : [new Violation(assembly.Name, reasons)]);
    }
}
