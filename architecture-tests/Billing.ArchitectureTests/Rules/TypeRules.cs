using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Billing.ArchitectureTests.Rules;

/// <summary>A NetArchTest custom rule from a predicate on Mono.Cecil's view of a type.</summary>
internal sealed class TypeRule(Func<TypeDefinition, bool> meetsRule) : ICustomRule
{
    public bool MeetsRule(TypeDefinition type) => meetsRule(type);
}

/// <summary>The small custom rules for what NetArchTest has no predicate or condition for.</summary>
internal static class TypeRules
{
    /// <summary>
    /// The type implements one of the interfaces, directly or through a base type; a generic definition such as
    /// <c>typeof(IValidator&lt;&gt;)</c> stands for all its instances. (NetArchTest's <c>ImplementInterface</c>
    /// sees only the interfaces a type lists itself, so a validator deriving from <c>AbstractValidator&lt;T&gt;</c>
    /// would escape it.)
    /// </summary>
    public static ICustomRule ImplementsAny(params Type[] interfaceTypes) => new TypeRule(type => ImplementsAny(type, interfaceTypes));

    /// <summary>The type implements none of the interfaces, directly or through a base type.</summary>
    public static ICustomRule ImplementsNone(params Type[] interfaceTypes) => new TypeRule(type => !ImplementsAny(type, interfaceTypes));

    /// <summary>The type has exactly this full name (nested types joined with '+').</summary>
    public static ICustomRule HasFullName(string fullName) => new TypeRule(type => NameOf(type) == fullName);

    /// <summary>The type has any other full name than this one.</summary>
    public static ICustomRule DoesNotHaveFullName(string fullName) => new TypeRule(type => NameOf(type) != fullName);

    /// <summary>Neither the type nor the type it is nested in sits in a namespace whose last part is <paramref name="lastPart"/>.</summary>
    public static ICustomRule DoesNotResideInNamespaceEndingWith(string lastPart) =>
        new TypeRule(type => !NamespaceOf(type).Split('.')[^1].Equals(lastPart, StringComparison.Ordinal));

    /// <summary>No part of the namespace of the type (or of the type it is nested in) is one of <paramref name="names"/>.</summary>
    public static ICustomRule ResidesInNoNamespacePartNamed(IReadOnlySet<string> names) =>
        new TypeRule(type => !NamespaceOf(type).Split('.').Any(names.Contains));

    /// <summary>
    /// No <c>typeof</c> argument of an attribute and no catch clause of the type (its members and compiler-generated
    /// nested types included) names a type in the namespace <paramref name="dependency"/> or its sub-namespaces, nor
    /// the type of that name: the two places NetArchTest's dependency search does not look.
    /// </summary>
    public static ICustomRule NamesNoTypeInAttributeArgumentsOrCatchClauses(string dependency) =>
        new TypeRule(type => !AttributeArgumentAndCatchTypes(type).Any(named => named == dependency || named.StartsWith(dependency + ".", StringComparison.Ordinal)));

    /// <summary>
    /// No property of the type has a setter that code outside the type can call after construction: every setter is
    /// private or init-only (issue 13, issue 22 item 2). An init-only setter runs only in an object initializer, so it
    /// builds an entity but never changes one; EF Core writes private setters and backing fields itself.
    /// </summary>
    public static ICustomRule SetsPropertiesOnlyPrivatelyOrAtInit() => new TypeRule(type => !type.Properties.Any(HasOpenSetter));

    /// <summary>The full name reflection gives a type or its generic definition, the form Mono.Cecil gives with '/' for '+'.</summary>
    public static string FullName(Type type) =>
        (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName
        ?? throw new ArgumentException($"Type '{type}' has no full name to match.", nameof(type));

    private static bool ImplementsAny(TypeDefinition type, Type[] interfaceTypes)
    {
        var names = interfaceTypes.Select(FullName).ToHashSet(StringComparer.Ordinal);
        for (var current = type; current is not null; current = current.BaseType is { } baseType ? Resolve(baseType) : null)
        {
            if (current.Interfaces.Any(implementation => names.Contains(NameOf(implementation.InterfaceType))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasOpenSetter(PropertyDefinition property) =>
        property.SetMethod is { IsPrivate: false } setter
        && setter.ReturnType is not RequiredModifierType { ModifierType.FullName: "System.Runtime.CompilerServices.IsExternalInit" };

    private static IEnumerable<string> AttributeArgumentAndCatchTypes(TypeDefinition type)
    {
        foreach (var part in type.NestedTypes.Where(nested => nested.Name.StartsWith('<')).Prepend(type))
        {
            var providers = new List<ICustomAttributeProvider> { part };
            providers.AddRange(part.Fields);
            providers.AddRange(part.Properties);
            providers.AddRange(part.Events);
            providers.AddRange(part.Methods);
            foreach (var argument in providers.SelectMany(provider => provider.CustomAttributes).SelectMany(attribute => attribute.ConstructorArguments))
            {
                if (argument.Value is TypeReference named)
                {
                    yield return NameOf(named);
                }
            }

            foreach (var handler in part.Methods.Where(method => method.HasBody).SelectMany(method => method.Body.ExceptionHandlers))
            {
                if (handler.HandlerType == ExceptionHandlerType.Catch)
                {
                    yield return NameOf(handler.CatchType);
                }
            }
        }
    }

    private static string NamespaceOf(TypeDefinition type) => type.IsNested ? NamespaceOf(type.DeclaringType) : type.Namespace;

    private static string NameOf(TypeReference type) => (type is GenericInstanceType generic ? generic.ElementType : type).FullName.Replace('/', '+');

    private static TypeDefinition Resolve(TypeReference type) =>
        type.Resolve() ?? throw new InvalidOperationException($"Cannot resolve '{type.FullName}' from '{type.Scope}'; the rule cannot see its interfaces.");
}
