using Billing.SharedKernel;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Host.OpenApi;

/// <summary>
/// The OpenAPI document at /openapi/v1.json (issue 16): the framework's generator, made true to the wire by
/// transformers — the bearer scheme and the problem responses every /api operation can give (a convention, so
/// that a new endpoint gets them from its metadata), and schemas as the JSON carries them.
/// </summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddBillingOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // A Patch<T> field is T on the wire (absent: left as it is), and seed 000's nested objects are camelCase
            // in one place and snake_case in another: none of them is a component of its own.
            options.CreateSchemaReferenceId = type =>
                (type.Type.IsGenericType && type.Type.GetGenericTypeDefinition() == typeof(Patch<>)) || SeedShape.Nested.Contains(type.Type)
                    ? null
                    : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddSchemaTransformer<WireSchemaTransformer>();
            options.AddOperationTransformer<OperationConventions>();
            options.AddDocumentTransformer<DocumentConventions>();
        });
}
