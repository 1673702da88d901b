using System.Text.Json.Nodes;
using Billing.Host.Auth;
using Billing.Host.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Billing.Host.OpenApi;

/// <summary>
/// The responses and security every /api operation has by what it is, so that a new endpoint gets them from its
/// metadata: the bearer requirement and 401 when it needs a token, 403 when it needs the admin role, 400 for its
/// query and body, 404 when its route names a resource, 409/422 for the Idempotency-Key of a write, 413/415 for a
/// JSON body, 429 behind the coupon-code guessing limit; and the <see cref="ProblemCodes"/> an endpoint declares.
/// Each problem response lists its <c>code</c> values in <c>x-codes</c> and in its description.
/// </summary>
internal sealed class OperationConventions : IOpenApiOperationTransformer
{
    public const string CodesExtension = "x-codes";
    public const string RolesExtension = "x-roles";

    /// <summary>The resource a route parameter names, by the path segment before it, and the code its absence answers.</summary>
    private static readonly Dictionary<string, string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        ["coupons"] = "coupon_not_found",
        ["code"] = "coupon_not_found",
        ["codes"] = "unique_code_not_found",
        ["accounts"] = "account_not_found",
        ["redemptions"] = "redemption_not_found",
        ["plans"] = "plan_not_found",
        ["subscriptions"] = "subscription_not_found",
        ["invoices"] = "invoice_not_found",
        ["webhook-endpoints"] = "webhook_endpoint_not_found",
        ["webhook-deliveries"] = "webhook_delivery_not_found",
        ["backups"] = "backup_not_found",
        ["exports"] = "export_not_found",
        ["conversions"] = "conversion_not_found",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        string path = "/" + (description.RelativePath ?? string.Empty).TrimStart('/');
        if (!path.StartsWith("/api/", StringComparison.Ordinal) && path != "/api")
        {
            return Task.CompletedTask;
        }

        var metadata = description.ActionDescriptor.EndpointMetadata;
        string method = description.HttpMethod ?? "GET";
        bool write = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        bool authorized = !metadata.OfType<IAllowAnonymous>().Any()
            && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());
        bool admin = metadata.OfType<IAuthorizeData>().Any(a => a.Policy == Roles.AdminPolicy);
        bool jsonBody = operation.RequestBody?.Content?.Keys.Any(k => k.Contains("json", StringComparison.Ordinal)) ?? false;

        var codes = new SortedDictionary<int, SortedSet<string>>();
        void Add(int status, params string[] values)
        {
            if (!codes.TryGetValue(status, out var set))
            {
                codes[status] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(values);
        }

        Add(400, "validation_failed", ProblemTypes.DefaultCode(400));
        if (jsonBody)
        {
            Add(400, "invalid_json");
            Add(413, ProblemTypes.DefaultCode(413));
            Add(415, ProblemTypes.DefaultCode(415));
        }

        if (operation.Parameters?.Any(p => p.Name == "cursor") ?? false)
        {
            Add(400, "invalid_cursor");
        }

        if (write)
        {
            Add(400, "invalid_idempotency_key");
            Add(409, "idempotency_key_in_progress");
            Add(422, "idempotency_key_reused");
        }

        if (authorized)
        {
            Add(401, ProblemTypes.DefaultCode(401));
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentConventions.BearerScheme, context.Document)] = [] }];
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RolesExtension] = new JsonNodeExtension(admin ? new JsonArray("admin") : new JsonArray("admin", "business"));
        }

        if (admin)
        {
            Add(403, ProblemTypes.DefaultCode(403));
        }

        string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 1; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
            {
                Add(404, NotFoundCodes.GetValueOrDefault(segments[i - 1], ProblemTypes.DefaultCode(404)));
            }
        }

        if (metadata.OfType<CouponGuessingLimited>().Any())
        {
            Add(429, "too_many_coupon_guesses");
        }

        foreach (var declared in metadata.OfType<ProblemCodes>())
        {
            Add(declared.Status, [.. declared.Codes]);
        }

        operation.Responses ??= [];
        foreach (var (status, values) in codes)
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Problem(status, values, context.Document);
        }

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { Name: { } name, Schema: OpenApiSchema schema }
                && WireEnums.ForParameter(operation.OperationId, name) is { } values)
            {
                schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(int status, IEnumerable<string> codes, OpenApiDocument? document)
    {
        var list = codes.ToList();
        string schema = status == 400 ? DocumentConventions.ValidationProblemSchema : DocumentConventions.ProblemSchema;
        return new OpenApiResponse
        {
            Description = $"{Reason(status)}: problem details whose `code` is one of {string.Join(", ", list.Select(c => $"`{c}`"))}.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
            },
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                [CodesExtension] = new JsonNodeExtension(new JsonArray([.. list.Select(c => (JsonNode)JsonValue.Create(c))])),
            },
        };
    }

    private static string Reason(int status) => status switch
    {
        400 => "The request is invalid",
        401 => "No valid bearer token",
        403 => "The token's role may not do this",
        404 => "A resource the request names does not exist",
        409 => "The request conflicts with the current state",
        413 => "The body is too large",
        415 => "The body is not JSON",
        422 => "A business rule refused the request",
        429 => "Too many requests; retry after the Retry-After header's seconds",
        _ => "Refused",
    };
}
