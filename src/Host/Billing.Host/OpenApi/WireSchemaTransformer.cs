using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Billing.SharedKernel;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Billing.Host.OpenApi;

/// <summary>
/// Schemas as the JSON carries them: amounts as decimals in major units (API.md; M1 keeps them as integer minor
/// units inside), a field required only when it cannot be left out (not nullable, no default, not a PATCH field),
/// a PATCH field as the value it carries, and the closed sets of <see cref="WireEnums"/> as enums.
/// </summary>
internal sealed class WireSchemaTransformer : IOpenApiSchemaTransformer
{
    public const string MoneyDescription =
        "An amount in the currency's major unit as a JSON number (10.5 is USD 10.50), with at most as many decimals as "
        + "the currency's ISO 4217 exponent: 0 for JPY and KRW, 2 for USD, EUR and GBP, 3 for KWD, BHD, JOD, OMR and TND "
        + "(DOMAIN.md M1). Never a binary floating-point value: read it as a decimal.";

    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var carried = type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Patch<>))
        {
            carried = type.GetGenericArguments()[0];
            CopyInto(schema, await context.GetOrCreateSchemaAsync(carried, null, cancellationToken));
            bool nullable = Nullable.GetUnderlyingType(carried) is not null || CarriesNullableReference(context.JsonPropertyInfo);
            if (nullable && schema.Type is { } carriedType)
            {
                schema.Type = carriedType | JsonSchemaType.Null;
            }

            schema.Description = nullable ? "Absent: left as it is; null: cleared." : "Absent: left as it is.";
        }

        if ((Nullable.GetUnderlyingType(carried) ?? carried) == typeof(decimal))
        {
            schema.Format = "decimal";
            string name = context.JsonPropertyInfo?.Name ?? string.Empty;
            bool money = !name.Contains("rate", StringComparison.Ordinal) && !name.Contains("percent", StringComparison.Ordinal);
            string meaning = money ? MoneyDescription : "A percentage as a decimal JSON number (7.5 is 7.5 %).";
            schema.Description = carried == type ? meaning : $"{meaning} {schema.Description}";
        }

        if (context.JsonPropertyInfo is { } property && WireEnums.For(property.DeclaringType, property.Name) is { } values)
        {
            bool nullable = schema.Type?.HasFlag(JsonSchemaType.Null) ?? false;
            schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            if (nullable)
            {
                schema.Enum.Add(null!);
            }
        }

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            ApplyRequired(schema, context.JsonTypeInfo);
        }
    }

    /// <summary>Whether a <c>Patch&lt;string?&gt;</c>-like property carries a nullable reference (the annotation is on the type argument).</summary>
    private static bool CarriesNullableReference(JsonPropertyInfo? property) =>
        property?.AttributeProvider is PropertyInfo info
        && new NullabilityInfoContext().Create(info).GenericTypeArguments is [{ ReadState: NullabilityState.Nullable }];

    /// <summary>
    /// Required: the properties a body cannot leave out (and only properties the schema has: a Stream is a binary
    /// string); the refused C11 fields of PATCH /coupons are not offered at all.
    /// </summary>
    private static void ApplyRequired(OpenApiSchema schema, JsonTypeInfo typeInfo)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in typeInfo.Properties)
        {
            var type = property.PropertyType;
            bool patch = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Patch<>);
            if (patch && type.GetGenericArguments()[0] == typeof(JsonElement))
            {
                schema.Properties?.Remove(property.Name);
                continue;
            }

            bool optional = patch
                || property.IsGetNullable
                || property.IsSetNullable
                || Nullable.GetUnderlyingType(type) is not null
                || property.AssociatedParameter is { HasDefaultValue: true };
            if (!optional)
            {
                required.Add(property.Name);
            }
        }

        required.IntersectWith(schema.Properties?.Keys ?? []);
        schema.Required = required.Count > 0 ? required : null;
    }

    private static void CopyInto(OpenApiSchema target, IOpenApiSchema source)
    {
        target.Type = source.Type;
        target.Format = source.Format;
        target.Items = source.Items;
        target.Properties = source.Properties;
        target.AdditionalProperties = source.AdditionalProperties;
        target.AdditionalPropertiesAllowed = source.AdditionalPropertiesAllowed;
        target.Required = source.Required;
        target.Enum = source.Enum;
    }
}
