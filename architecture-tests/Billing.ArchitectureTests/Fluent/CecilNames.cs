using Mono.Cecil;

namespace Billing.ArchitectureTests.Fluent;

/// <summary>Names of Cecil types written the way reflection writes them, so rules can name types either way.</summary>
internal static class CecilNames
{
    /// <summary>The full name without generic arguments, nested types joined with '+': <c>Ns.Outer+Inner`1</c>.</summary>
    public static string FullName(TypeReference type) =>
        (type is GenericInstanceType generic ? generic.ElementType : type).FullName.Replace('/', '+');

    /// <summary>The name of a reflection type (or of its generic definition) in the same form.</summary>
    public static string FullName(Type type) =>
        (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName
        ?? throw new ArgumentException($"Type '{type}' has no full name to match.", nameof(type));

    /// <summary>The assembly that defines a referenced type, as the referencing module records it.</summary>
    public static string AssemblyName(TypeReference type) => type.Scope switch
    {
        AssemblyNameReference assembly => assembly.Name,
        ModuleDefinition module => module.Assembly.Name.Name,
        _ => type.Module.Assembly.Name.Name,
    };
}
