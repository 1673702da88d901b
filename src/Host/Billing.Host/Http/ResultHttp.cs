using Billing.SharedKernel;

namespace Billing.Host.Http;

/// <summary>
/// The one place where business errors become HTTP: RFC 9457 problem details with the error's stable
/// <c>code</c>; validation failures as 400 with <c>errors</c>.
/// </summary>
internal static class ResultHttp
{
    public static IResult ToOk<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();

    public static IResult ToCreated<T>(this Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value), result.Value) : result.Error.ToProblem();

    public static IResult ToText(this Result<string> result) =>
        result.IsSuccess ? TypedResults.Text(result.Value, "text/plain; charset=utf-8") : result.Error.ToProblem();

    /// <summary>The error as problem details; <paramref name="members"/> adds members such as the id of a conflicting resource.</summary>
    public static IResult ToProblem(this Error error, IReadOnlyDictionary<string, object?>? members = null)
    {
        var extensions = new Dictionary<string, object?>(members ?? new Dictionary<string, object?>()) { ["code"] = error.Code };
        return error.Kind == ErrorKind.Validation
            ? TypedResults.ValidationProblem(
                error.Fields,
                detail: error.Message,
                type: ProblemTypes.For(400),
                title: "The request is invalid.",
                extensions: extensions)
            : TypedResults.Problem(
                detail: error.Message,
                statusCode: StatusOf(error.Kind),
                title: TitleOf(error.Kind),
                type: ProblemTypes.For(StatusOf(error.Kind)),
                extensions: extensions);
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Rule => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => "The resource was not found.",
        ErrorKind.Conflict => "The request conflicts with the current state.",
        ErrorKind.Rule => "A business rule refused the request.",
        ErrorKind.Forbidden => "The token may not do this.",
        _ => "The request is invalid.",
    };
}

/// <summary>Problem <c>type</c> URIs and the default <c>code</c> for errors raised by the framework itself.</summary>
internal static class ProblemTypes
{
    public static string For(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        414 => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        431 => "https://tools.ietf.org/html/rfc6585#section-5",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    public static string DefaultCode(int status) => status switch
    {
        400 => "invalid_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "unprocessable",
        429 => "too_many_requests",
        _ => "internal_error",
    };
}
