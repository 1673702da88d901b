using Billing.Tracking.Contracts;
using Microsoft.OpenApi;

namespace Billing.Host.OpenApi;

/// <summary>
/// Seed 000's conversion shapes travel in camelCase (API.md), while the generator names every property in the
/// API's snake_case: their schemas are renamed here, nested objects included (those are inlined, since the same
/// types appear in snake_case in the conversion list).
/// </summary>
internal static class SeedShape
{
    public static readonly IReadOnlySet<Type> Nested = new HashSet<Type> { typeof(ConversionAmount), typeof(CustomParams) };

    private static readonly string[] Roots = [nameof(ConversionInput), nameof(SeedConversionDto)];

    public static void Apply(IDictionary<string, IOpenApiSchema> schemas)
    {
        foreach (string root in Roots)
        {
            if (schemas.TryGetValue(root, out var schema))
            {
                schemas[root] = Camel(schema);
            }
        }
    }

    private static IOpenApiSchema Camel(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return schema;
        }

        var copy = (OpenApiSchema)concrete.CreateShallowCopy();
        if (concrete.Properties is { } properties)
        {
            copy.Properties = properties.ToDictionary(p => CamelName(p.Key), p => Camel(p.Value));
        }

        if (concrete.Required is { } required)
        {
            copy.Required = required.Select(CamelName).ToHashSet(StringComparer.Ordinal);
        }

        if (concrete.AnyOf is { } anyOf)
        {
            copy.AnyOf = anyOf.Select(Camel).ToList();
        }

        return copy;
    }

    /// <summary>snake_case back to seed 000's camelCase: <c>conversion_type_code</c> → <c>conversionTypeCode</c>, <c>adv_s1</c> → <c>advS1</c>.</summary>
    private static string CamelName(string snake)
    {
        string[] words = snake.Split('_');
        return words[0] + string.Concat(words.Skip(1).Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
