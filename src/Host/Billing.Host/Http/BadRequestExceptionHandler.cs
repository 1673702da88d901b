using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Microsoft.AspNetCore.Diagnostics;

namespace Billing.Host.Http;

/// <summary>
/// Turns what the framework refuses before an endpoint runs (malformed JSON, a wrong content type, a body
/// too large, an empty or <c>null</c> body, a value that cannot be bound) into problem details with a stable code
/// and the API's words; a write the storage refused (a full disk, a read-only or failing database) into 503
/// <c>storage_unavailable</c> with <c>Retry-After</c>: its transaction rolled back whole, reads go on, and the same
/// request succeeds once space returns, without a restart (issue 23). Anything else reaching here is a bug: 500,
/// logged, with no internals in the body.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>What a refused write's answer asks the client to wait before retrying.</summary>
    private const int StorageRetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string code;
        string detail;
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } unbound
            && unbound.InnerException is not JsonException && unbound.InnerException?.InnerException is not JsonException
            && ParameterOf(unbound) is { } parameter)
        {
            await FieldError(httpContext, parameter).ExecuteAsync(httpContext);
            return true;
        }

        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            var json = bad.InnerException as JsonException ?? bad.InnerException?.InnerException as JsonException;
            code = json is not null ? "invalid_json" : ProblemTypes.DefaultCode(status);
            detail = json is not null ? Describe(json) : bad.Message;
        }
        else if (BillingDatabase.IsStorageUnavailable(exception))
        {
            logger.LogError(exception, "The database refused a write on {Method} {Path} (storage full, read-only or failing); answered 503.", httpContext.Request.Method, httpContext.Request.Path);
            status = StatusCodes.Status503ServiceUnavailable;
            code = "storage_unavailable";
            detail = "The database cannot take writes now (its disk is full, read-only or failing); nothing of this request was saved. Retry later.";
            httpContext.Response.Headers.RetryAfter = StorageRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}.", httpContext.Request.Method, httpContext.Request.Path);
            status = StatusCodes.Status500InternalServerError;
            code = "internal_error";
            detail = "An unexpected error occurred; it has been logged.";
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = status switch
                {
                    StatusCodes.Status500InternalServerError => "Internal error.",
                    StatusCodes.Status503ServiceUnavailable => "The storage is unavailable.",
                    _ => "The request is invalid.",
                },
                Detail = detail,
                Type = ProblemTypes.For(status),
                Extensions = { ["code"] = code },
            },
        });
    }

    /// <summary>The parameter a binding failure names (the framework's text says <c>parameter "Type name"</c>).</summary>
    private static string? ParameterOf(BadHttpRequestException exception) =>
        Regex.Match(exception.Message, "parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\"") is { Success: true } match ? match.Groups["name"].Value : null;

    /// <summary>
    /// A missing or <c>null</c> body, or a query value that cannot be bound, as <c>validation_failed</c> naming the
    /// body or the query parameter, never the framework's text (issue 14).
    /// </summary>
    private static IResult FieldError(HttpContext httpContext, string parameter)
    {
        bool query = httpContext.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler
            && QueryParameterRules.QueryParametersOf(handler, endpoint).ContainsKey(parameter);
        return query
            ? Error.Validation(parameter, $"'{parameter}' has a value this parameter cannot hold.").ToProblem()
            : Error.Validation("body", "The request needs a JSON object body with this operation's fields; it was empty or null.").ToProblem();
    }

    /// <summary>Says what is wrong and where, in the API's terms (no .NET type names).</summary>
    internal static string Describe(JsonException json)
    {
        string path = json.Path ?? "$";
        return json.Message switch
        {
            var m when m.Contains("could not be mapped", StringComparison.Ordinal) => $"'{path}' is not a field of this request.",
            var m when m.Contains("Duplicate", StringComparison.Ordinal) => $"A field appears more than once at '{path}'; give each field once.",
            var m when m.Contains("could not be converted", StringComparison.Ordinal) => $"The value at '{path}' has the wrong type or format.",
            var m when m.Contains("missing required properties", StringComparison.Ordinal) => $"Required fields are missing at '{path}'.",
            _ => $"The request body is not valid JSON (at '{path}').",
        };
    }
}
