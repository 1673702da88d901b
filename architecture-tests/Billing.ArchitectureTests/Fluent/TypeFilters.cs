namespace Billing.ArchitectureTests.Fluent;

/// <summary>Filters that choose which types a rule checks; a type must pass every filter.</summary>
internal sealed class TypeFilters
{
    private readonly TypeSelection selection;

    internal TypeFilters(TypeSelection selection) => this.selection = selection;

    /// <summary>Types in the namespace, or in one nested in it; <c>*</c> stands for any characters.</summary>
    public TypeFilters ResideInNamespace(string namespacePattern)
    {
        var pattern = NamePattern.ForNamespaceOrType(namespacePattern);
        return Add(type => pattern.Matches(type.Namespace));
    }

    /// <summary>Types that implement at least one of the interfaces, directly or through a base type; a generic definition such as <c>typeof(IValidator&lt;&gt;)</c> stands for all its instances.</summary>
    public TypeFilters ImplementAnyInterface(params Type[] interfaces)
    {
        var names = interfaces.Select(CecilNames.FullName).ToList();
        return Add(type => names.Exists(type.Interfaces.Contains));
    }

    /// <summary>The type with this full name (nested types joined with '+').</summary>
    public TypeFilters HaveFullName(string fullName) => Add(type => type.FullName == fullName);

    /// <summary>Every type but the one with this full name.</summary>
    public TypeFilters DoNotHaveFullName(string fullName) => Add(type => type.FullName != fullName);

    /// <summary>States what every type that passed the filters must satisfy.</summary>
    public TypeConditions Should() => new(selection);

    private TypeFilters Add(Func<AnalyzedType, bool> filter)
    {
        selection.Filters.Add(filter);
        return this;
    }
}
