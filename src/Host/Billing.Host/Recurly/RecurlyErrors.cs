using Billing.SharedKernel;

namespace Billing.Host.Recurly;

/// <summary>One entry of a Recurly error's <c>params</c>.</summary>
internal sealed record RecurlyParam(string Param, string Message);

internal sealed record RecurlyErrorBody(string Type, string Message, IReadOnlyList<RecurlyParam> Params);

internal sealed record RecurlyErrorEnvelope(RecurlyErrorBody Error);

/// <summary>
/// A Recurly error answer, with the Billing error it translates when there is one: the wire shows only Recurly's type, and
/// the code-guessing limit still tells a missed coupon code by the Billing error (issue 25).
/// </summary>
internal sealed class RecurlyErrorResult(RecurlyErrorEnvelope envelope, Error? translated) : IResult, IStatusCodeHttpResult
{
    public Error? Translated { get; } = translated;

    public int? StatusCode => RecurlyErrors.StatusOf(envelope.Error.Type);

    public Task ExecuteAsync(HttpContext httpContext) =>
        TypedResults.Json(envelope, RecurlyJson.Options, RecurlyJson.ContentType, StatusCode).ExecuteAsync(httpContext);
}

/// <summary>
/// Recurly's error envelope, <c>{"error": {"type", "message", "params"}}</c> as <c>application/json</c>: the official
/// clients choose the error class from <c>type</c> (RECURLY.md §3.2), so every refusal on /recurly is one of these.
/// </summary>
internal static class RecurlyErrors
{
    public static IResult Result(string type, string message, IReadOnlyList<RecurlyParam>? parameters = null, Error? translated = null) =>
        new RecurlyErrorResult(new RecurlyErrorEnvelope(new RecurlyErrorBody(type, message, parameters ?? [])), translated);

    public static Task WriteAsync(HttpContext context, string type, string message) =>
        Result(type, message).ExecuteAsync(context);

    public static IResult NotFound(string message, Error? translated = null) => Result("not_found", message, translated: translated);

    public static IResult BadRequest(string message) => Result("bad_request", message);

    public static IResult Validation(string param, string message, Error? translated = null) => Result("validation", message, [new RecurlyParam(param, message)], translated);

    /// <summary>
    /// A Billing refusal in Recurly's terms: field errors and business-rule refusals become <c>validation</c> (422, the
    /// way Recurly refuses an expired coupon or a taken code), a missing resource <c>not_found</c>, a role refusal
    /// <c>invalid_permissions</c>. The Billing code leads the message so that it stays machine-readable.
    /// </summary>
    public static IResult From(Error error) => error.Kind switch
    {
        ErrorKind.NotFound => NotFound(error.Message, error),
        ErrorKind.Forbidden => Result("invalid_permissions", error.Message, translated: error),
        ErrorKind.Validation => Result(
            "validation",
            string.Join(" ", error.Fields.SelectMany(f => f.Value)) is { Length: > 0 } all ? all : error.Message,
            [.. error.Fields.SelectMany(f => f.Value.Select(m => new RecurlyParam(f.Key, m)))],
            error),
        _ => Result("validation", $"{error.Message} ({error.Code})", [new RecurlyParam("base", error.Code)], error),
    };

    /// <summary>
    /// A refusal of something a request body names (a coupon code, a plan code): Recurly answers those as
    /// <c>validation</c> of the field, not as <c>not_found</c> of the resource the path names.
    /// </summary>
    public static IResult FromBody(Error error) => error.Kind == ErrorKind.NotFound
        ? Validation(error.Code.StartsWith("coupon", StringComparison.Ordinal) || error.Code.StartsWith("unique", StringComparison.Ordinal) ? "coupon_codes"
            : error.Code.StartsWith("plan", StringComparison.Ordinal) ? "plan_code"
            : error.Code.StartsWith("add_on", StringComparison.Ordinal) ? "add_ons" : "base", error.Message, error)
        : From(error);

    public static int StatusOf(string type) => type switch
    {
        "bad_request" or "invalid_content_type" => StatusCodes.Status400BadRequest,
        "unauthorized" => StatusCodes.Status401Unauthorized,
        "invalid_api_key" or "invalid_permissions" => StatusCodes.Status403Forbidden,
        "not_found" => StatusCodes.Status404NotFound,
        "invalid_api_version" or "unknown_api_version" => StatusCodes.Status406NotAcceptable,
        "rate_limited" => StatusCodes.Status429TooManyRequests,
        "internal_server_error" => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
