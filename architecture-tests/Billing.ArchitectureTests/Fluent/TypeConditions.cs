namespace Billing.ArchitectureTests.Fluent;

/// <summary>Conditions every selected type must satisfy; a type breaks the rule if it breaks any of them.</summary>
internal sealed class TypeConditions
{
    private readonly TypeSelection selection;

    internal TypeConditions(TypeSelection selection) => this.selection = selection;

    /// <summary>
    /// The type uses no type whose full name matches a pattern: a namespace (and all inside it) or a type
    /// (and its nested types); <c>*</c> stands for any characters, as in <c>*.Infrastructure</c>.
    /// </summary>
    public TypeConditions NotHaveDependencyOnAny(params string[] namespaceOrTypePatterns)
    {
        var patterns = NamePattern.ForNamespacesOrTypes(namespaceOrTypePatterns);
        return Add(type => type.Dependencies
            .Where(dependency => patterns.Any(pattern => pattern.Matches(dependency.FullName)))
            .Select(dependency => $"depends on {dependency.FullName}"));
    }

    /// <summary>The type uses no type defined in an assembly with one of these names; <c>*</c> stands for any characters.</summary>
    public TypeConditions NotHaveDependencyOnTypesFromAny(params string[] assemblyPatterns)
    {
        var patterns = NamePattern.ForAssemblies(assemblyPatterns);
        return Add(type => type.Dependencies
            .Where(dependency => patterns.Any(pattern => pattern.Matches(dependency.AssemblyName)))
            .Select(dependency => $"depends on {dependency.FullName} from {dependency.AssemblyName}"));
    }

    /// <summary>The type implements none of the interfaces; a generic definition stands for all its instances.</summary>
    public TypeConditions NotImplementAnyInterface(params Type[] interfaces)
    {
        var names = interfaces.Select(CecilNames.FullName).ToList();
        return Add(type => names.Where(type.Interfaces.Contains).Select(name => $"implements {name}"));
    }

    /// <summary>The type is not in a namespace that matches the pattern (or in one nested in it).</summary>
    public TypeConditions NotResideInNamespace(string namespacePattern)
    {
        var pattern = NamePattern.ForNamespaceOrType(namespacePattern);
        return Add(type => pattern.Matches(type.Namespace) ? [$"resides in namespace {type.Namespace}"] : []);
    }

    /// <summary>Code outside the assembly can see the type.</summary>
    public TypeConditions BePublic() => Add(type => type.IsVisibleOutsideAssembly ? [] : ["is not public"]);

    /// <summary>Code outside the assembly cannot see the type.</summary>
    public TypeConditions NotBePublic() => Add(type => type.IsVisibleOutsideAssembly ? ["is public"] : []);

    /// <summary>Reads as "and"; every condition applies anyway.</summary>
    public TypeConditions And() => this;

    /// <summary>Reads the assembly and checks every selected type against every condition.</summary>
    public ArchitectureResult GetResult()
    {
        using var assembly = LoadedAssembly.Read(selection.AssemblyPath);
        var checkedTypes = AnalyzedType.AllIn(assembly.Definition)
            .Where(type => selection.Filters.TrueForAll(filter => filter(type)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .ToList();
        var violations = checkedTypes
            .Select(type => new Violation(
                type.FullName,
                [.. selection.Conditions.SelectMany(condition => condition(type)).Distinct().Order(StringComparer.Ordinal)]))
            .Where(violation => violation.Reasons.Count > 0)
            .ToList();
        return new ArchitectureResult([.. checkedTypes.Select(type => type.FullName)], violations);
    }

    private TypeConditions Add(Func<AnalyzedType, IEnumerable<string>> condition)
    {
        selection.Conditions.Add(condition);
        return this;
    }
}
