using System.Text.Json;
using System.Text.RegularExpressions;
using Billing.TestKit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 16 (OpenAPI): every endpoint the host maps under /api is in /openapi/v1.json with its method, a summary,
/// its success response with a body schema, the problem responses it can give with their codes, and the bearer
/// requirement when it needs a token. With <c>BILLING_OPENAPI_DOCUMENT</c> set, the document is written to that
/// file, which <c>.ci/run</c> lints with Redocly CLI.
/// </summary>
public sealed partial class OpenApiDocumentTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>
    /// Catalogued codes that no /api operation answers: a checkout's (the /checkout page and PurchaseSubscription), a
    /// Recurly route's, and the collector's invoice change that it only logs (it cannot happen, see Collector).
    /// </summary>
    private static readonly HashSet<string> NotAnsweredUnderApi = new(StringComparer.Ordinal)
    {
        "price_changed", "payment_declined", "no_invoice", "invoice_not_collectable",
    };

    private async Task<JsonElement> Document()
    {
        var response = await api.Anonymous().GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        string text = await response.Content.ReadAsStringAsync();
        if (Environment.GetEnvironmentVariable("BILLING_OPENAPI_DOCUMENT") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, text);
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private List<(string Method, string Path, RouteEndpoint Endpoint)> ApiEndpoints() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + (e.RoutePattern.RawText ?? string.Empty).Trim('/'), Endpoint: e))
            .Where(e => e.Path == "/api" || e.Path.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, ParameterConstraint().Replace(e.Path, "}"), e.Endpoint)))
            .ToList();

    [Fact]
    public async Task Every_api_endpoint_is_documented_with_its_summary_responses_and_security()
    {
        var document = await Document();
        var endpoints = ApiEndpoints();
        Assert.True(endpoints.Count >= 60, $"only {endpoints.Count} /api endpoints found");

        var problems = new List<string>();
        foreach (var (method, path, endpoint) in endpoints)
        {
            string name = $"{method} {path}";
            if (!document.GetProperty("paths").TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                problems.Add($"{name}: not in the document");
                continue;
            }

            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var success = responses.Where(r => r.Name.StartsWith('2')).ToList();
            if (success.Count == 0)
            {
                problems.Add($"{name}: no success response");
            }

            problems.AddRange(success
                .Where(r => r.Name != "204" && !(r.Value.TryGetProperty("content", out var content) && content.EnumerateObject().All(c => c.Value.TryGetProperty("schema", out _))))
                .Select(r => $"{name}: {r.Name} has no body schema"));

            var problemResponses = responses.Where(r => r.Name.StartsWith('4')).ToList();
            problems.AddRange(problemResponses
                .Where(r => !r.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _)
                    || !r.Value.TryGetProperty("x-codes", out var codes) || codes.GetArrayLength() == 0)
                .Select(r => $"{name}: {r.Name} is not problem details with x-codes"));

            var expected = new List<string> { "400" };
            bool authorized = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
                && (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null);
            if (authorized)
            {
                expected.Add("401");
            }

            if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == "admin"))
            {
                expected.Add("403");
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                expected.Add("404");
            }

            if (method != "GET")
            {
                expected.AddRange(["409", "422"]);
            }

            problems.AddRange(expected.Where(status => problemResponses.All(r => r.Name != status)).Select(status => $"{name}: no {status} response"));

            bool secured = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("bearer", out _));
            if (secured != authorized)
            {
                problems.Add($"{name}: security {(secured ? "declared on an anonymous operation" : "missing")}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_the_document_lists_no_other()
    {
        var document = await Document();
        var endpoints = ApiEndpoints().Select(e => (e.Method, e.Path)).ToHashSet();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name.ToUpperInvariant())).Select(o => (Method: o.Name.ToUpperInvariant(), Path: path.Name, Operation: o.Value)))
            .ToList();

        Assert.Empty(operations.Where(o => !o.Operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())).Select(o => $"{o.Method} {o.Path}"));
        Assert.Empty(operations.Where(o => !endpoints.Contains((o.Method, o.Path))).Select(o => $"{o.Method} {o.Path}"));
    }

    [Fact]
    public async Task Money_is_decimal_closed_sets_are_enums_and_no_internal_field_shows()
    {
        var document = await Document();
        string text = document.GetRawText();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        // M1 / API.md: amounts travel as decimal JSON numbers in major units; a generator must never read them as double.
        Assert.DoesNotContain("\"double\"", text, StringComparison.Ordinal);
        Assert.Equal("decimal", schemas.GetProperty("InvoiceDto").GetProperty("properties").GetProperty("total").GetProperty("format").GetString());

        // A PATCH field is the value it carries, never the Patch<T> wrapper's own properties.
        Assert.DoesNotContain("is_specified", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PatchOf", text, StringComparison.Ordinal);
        var update = schemas.GetProperty("UpdateCouponRequest");
        Assert.False(update.TryGetProperty("required", out var updateRequired) && updateRequired.GetArrayLength() > 0, "a PATCH body has no required field");
        Assert.False(update.GetProperty("properties").TryGetProperty("discount", out _), "C11: the discount cannot be patched, so it is not offered");

        // Optional and nullable fields are not required; the others are.
        var subscription = schemas.GetProperty("CreateSubscriptionRequest");
        var required = subscription.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order().ToList();
        Assert.Equal(["account_code", "currency", "plan_code"], required);
        Assert.Equal(["type"], schemas.GetProperty("DurationSpec").GetProperty("required").EnumerateArray().Select(r => r.GetString()));

        // Seed 000's conversion shapes are camelCase on the wire, nested objects included.
        var seed = schemas.GetProperty("ConversionInput").GetProperty("properties");
        Assert.True(seed.TryGetProperty("conversionTypeCode", out _), "ConversionInput is camelCase");
        Assert.Contains("advS1", seed.GetProperty("customParams").GetRawText(), StringComparison.Ordinal);

        foreach (var (type, field) in Billing.Host.OpenApi.WireEnums.Keys)
        {
            Assert.True(
                schemas.TryGetProperty(type, out var schema) && schema.GetProperty("properties").TryGetProperty(field, out var property) && property.TryGetProperty("enum", out _),
                $"{type}.{field} is not an enum in the document");
        }
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_for_swagger_ui_to_authorize_with()
    {
        var document = await Document();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    /// <summary>
    /// No invented code: every code a problem response lists is a string literal of the source, and one an error
    /// catalogue declares is listed under its kind's status only.
    /// </summary>
    [Fact]
    public async Task Every_listed_problem_code_exists_in_the_source_with_the_listed_status()
    {
        var document = await Document();
        string root = SourceTree.Root;

        static bool Under(string file, string folder) => file.Contains($"{Path.DirectorySeparatorChar}{folder}{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Under(f, "obj") && !Under(f, "OpenApi"))
            .ToDictionary(f => f, File.ReadAllText);
        // A code an endpoint declares with .Refuses must be raised somewhere else too: the declaration proves nothing.
        string source = DeclaredCodes().Replace(string.Concat(files.Values), string.Empty);

        // The business codes answer the status of their kind in the error catalogues (ErrorCatalogueTests).
        var raised = ErrorCatalogueTests.Catalogued()
            .GroupBy(d => d.Code)
            .ToDictionary(g => g.Key, g => g.First().Status.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var problems = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Value.TryGetProperty("x-codes", out _)))
                {
                    foreach (string code in response.Value.GetProperty("x-codes").EnumerateArray().Select(c => c.GetString()!))
                    {
                        if (!source.Contains($"\"{code}\"", StringComparison.Ordinal))
                        {
                            problems.Add($"{operation.Name} {path.Name}: {code} is not in the source");
                        }
                        else if (raised.TryGetValue(code, out var status) && status != response.Name)
                        {
                            problems.Add($"{operation.Name} {path.Name}: {code} is listed under {response.Name} but answers {status}");
                        }
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_catalogued_code_is_listed_by_an_operation_with_its_status_unless_no_api_endpoint_answers_it()
    {
        var document = await Document();
        var listed = new HashSet<(string Code, string Status)>();
        foreach (var operation in document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()))
        {
            foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Value.TryGetProperty("x-codes", out _)))
            {
                listed.UnionWith(response.Value.GetProperty("x-codes").EnumerateArray().Select(c => (c.GetString()!, response.Name)));
            }
        }

        var unlisted = ErrorCatalogueTests.Catalogued()
            .Where(d => !NotAnsweredUnderApi.Contains(d.Code))
            .Where(d => !listed.Contains((d.Code, d.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Select(d => $"{d.Code} ({d.Status}, {d.Where}) is listed by no operation")
            .Distinct()
            .ToList();

        Assert.True(unlisted.Count == 0, string.Join(Environment.NewLine, unlisted));
        Assert.All(NotAnsweredUnderApi, code => Assert.DoesNotContain(listed, l => l.Code == code));
    }

    [GeneratedRegex(":[a-z]+}")]
    private static partial Regex ParameterConstraint();

    [GeneratedRegex("""\.Refuses\([^)]*\)""")]
    private static partial Regex DeclaredCodes();
}
