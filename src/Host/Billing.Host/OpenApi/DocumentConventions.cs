using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Billing.Host.OpenApi;

/// <summary>
/// The document's own parts: what it describes, the bearer scheme (admin and business tokens, so that Swagger UI's
/// Authorize works), the problem-details schemas the operations refer to, and seed 000's camelCase shapes.
/// </summary>
internal sealed class DocumentConventions : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";
    public const string ProblemSchema = "Problem";
    public const string ValidationProblemSchema = "ValidationProblem";

    /// <summary>The tags of the modules' endpoints, described; a new tag without one is left as it is (Redocly warns).</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Coupons"] = "Coupon campaigns, their unique codes and settings (DOMAIN.md C).",
        ["Redemptions"] = "Coupons redeemed by accounts and subscriptions.",
        ["Plans"] = "Plans and packages with their prices per currency.",
        ["Accounts"] = "Customer accounts, their one-time charges and My Account links.",
        ["Subscriptions"] = "Subscriptions to plans: create, change, cancel (DOMAIN.md S).",
        ["Invoices"] = "Invoices, their text and previews (DOMAIN.md I).",
        ["Payments"] = "Payment methods, collection, external payments, refunds, voids and credit (DOMAIN.md P).",
        ["Tracking"] = "Conversions and their report; seed 000's conversion shapes are camelCase (DOMAIN.md T).",
        ["Webhooks"] = "Webhook endpoints, their deliveries, and the event list for pollers.",
        ["Operations"] = "Bill runs and database backups.",
        ["Test clock"] = "The controllable clock of development and tests (Billing:TestClock:Enabled).",
        ["Exports"] = "CSV exports (DOMAIN.md D3); also open to the dashboard's signed-in operators.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Billing",
            Version = "v1",
            Description = "Subscription billing: coupons, plans, accounts, subscriptions, invoices, payments, tracking and webhooks. "
                + "JSON in snake_case (seed 000's conversion endpoints in camelCase); instants in ISO 8601 UTC. "
                + "Amounts are JSON numbers in the currency's major unit with at most its ISO 4217 exponent of decimals "
                + "(JPY 0, USD 2, KWD 3): schemas type them `number`, format `decimal`. "
                + "Every error is RFC 9457 problem details with a stable `code`; each problem response lists the codes "
                + $"it can carry in `{OperationConventions.CodesExtension}`. Operations that need a token name the roles "
                + $"that may call them in `{OperationConventions.RolesExtension}`.",
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host that serves this document" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token from Auth:AdminTokens (admin: everything) or Auth:BusinessTokens (business: redeem, "
                + "subscribe without price override, read). No token: 401; a business token on an admin operation: 403.",
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem(validation: false);
        document.Components.Schemas[ValidationProblemSchema] = Problem(validation: true);
        SeedShape.Apply(document.Components.Schemas);

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var described))
            {
                tag.Description ??= described;
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema Problem(bool validation)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "The RFC 9110 section of the status." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What was wrong, for a person." },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stable, machine-readable reason." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        if (validation)
        {
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "The refused fields and query parameters, each with its messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = validation ? "RFC 9457 problem details of a refused request; validation failures name their fields in `errors`." : "RFC 9457 problem details.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status", "code" },
            Properties = properties,
        };
    }
}
