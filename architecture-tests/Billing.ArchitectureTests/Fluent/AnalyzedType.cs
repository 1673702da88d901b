using Mono.Cecil;

namespace Billing.ArchitectureTests.Fluent;

/// <summary>
/// One type as the rules see it. A compiler-generated nested type (lambda closure, display class, async or
/// iterator state machine) is no type of its own: its members count as members of the type that declares it.
/// </summary>
internal sealed class AnalyzedType
{
    private const string CompilerGeneratedAttribute = "System.Runtime.CompilerServices.CompilerGeneratedAttribute";
    private readonly Lazy<IReadOnlySet<TypeDependency>> dependencies;
    private readonly Lazy<IReadOnlySet<string>> interfaces;

    private AnalyzedType(TypeDefinition definition, IReadOnlyList<TypeDefinition> parts)
    {
        FullName = CecilNames.FullName(definition);
        Namespace = Outermost(definition).Namespace;
        IsVisibleOutsideAssembly = IsVisible(definition);
        dependencies = new(() => DependencyCollector.Collect(FullName, parts));
        interfaces = new(() => InterfacesOf(definition));
    }

    /// <summary>Full name, nested types joined with '+'.</summary>
    public string FullName { get; }

    /// <summary>The namespace; for a nested type, that of the type it is nested in.</summary>
    public string Namespace { get; }

    /// <summary>Whether code outside the assembly can see the type: public, and nested only in visible types.</summary>
    public bool IsVisibleOutsideAssembly { get; }

    /// <summary>Every type this type uses (see <see cref="DependencyCollector"/>), apart from itself and its nested types.</summary>
    public IReadOnlySet<TypeDependency> Dependencies => dependencies.Value;

    /// <summary>Full names (generic definitions) of every interface the type implements, directly or inherited.</summary>
    public IReadOnlySet<string> Interfaces => interfaces.Value;

    /// <summary>Every type the assembly declares, nested ones included, compiler-generated nested ones folded into their declaring type.</summary>
    public static IReadOnlyList<AnalyzedType> AllIn(AssemblyDefinition assembly)
    {
        var types = new List<AnalyzedType>();
        foreach (var type in assembly.Modules.SelectMany(module => module.Types).Where(type => type.Name != "<Module>"))
        {
            Add(type, types);
        }

        return types;
    }

    private static void Add(TypeDefinition type, List<AnalyzedType> types)
    {
        var parts = new List<TypeDefinition> { type };
        foreach (var nested in type.NestedTypes)
        {
            if (IsCompilerGenerated(nested))
            {
                parts.AddRange(SelfAndNested(nested));
            }
            else
            {
                Add(nested, types);
            }
        }

        types.Add(new AnalyzedType(type, parts));
    }

    private static IEnumerable<TypeDefinition> SelfAndNested(TypeDefinition type) =>
        type.NestedTypes.SelectMany(SelfAndNested).Prepend(type);

    private static bool IsCompilerGenerated(TypeDefinition type) =>
        type.Name.StartsWith('<') || type.CustomAttributes.Any(attribute => attribute.AttributeType.FullName == CompilerGeneratedAttribute);

    private static TypeDefinition Outermost(TypeDefinition type) => type.IsNested ? Outermost(type.DeclaringType) : type;

    private static bool IsVisible(TypeDefinition type) => type.IsNested
        ? (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamilyOrAssembly) && IsVisible(type.DeclaringType)
        : type.IsPublic;

    private static HashSet<string> InterfacesOf(TypeDefinition type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        AddInterfaces(type, names);
        return names;
    }

    private static void AddInterfaces(TypeDefinition type, HashSet<string> names)
    {
        foreach (var implementation in type.Interfaces)
        {
            if (names.Add(CecilNames.FullName(implementation.InterfaceType)))
            {
                AddInterfaces(Resolve(implementation.InterfaceType), names);
            }
        }

        if (type.BaseType is { } baseType)
        {
            AddInterfaces(Resolve(baseType), names);
        }
    }

    private static TypeDefinition Resolve(TypeReference type) =>
        type.Resolve() ?? throw new InvalidOperationException($"Cannot resolve '{type.FullName}' from '{type.Scope}'; the rule cannot see its interfaces.");
}
