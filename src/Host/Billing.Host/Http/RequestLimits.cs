using Microsoft.AspNetCore.Http.Features;

namespace Billing.Host.Http;

/// <summary>
/// Request size limits, each refused with problem details before anything else reads the request: a body declared
/// above <see cref="MaxBodyBytes"/> (413; Kestrel enforces the same limit on bodies of unknown length as they stream
/// in), a request target (path and query) above <see cref="MaxTargetLength"/> characters (414) and headers above
/// <see cref="MaxHeaderBytes"/> in all (431). Kestrel itself answers the last two with an empty body, so its own
/// limits are set to <see cref="KestrelHardLimitBytes"/> and these, far below, are enforced here (issue 14).
/// </summary>
internal sealed class RequestLimits(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Kestrel's default request-line limit (8 KiB), as characters of the path and query.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>Kestrel's default limit of the headers' total size (32 KiB).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's own request-line and header limits: above them it still answers 414 or 431 with no body.</summary>
    public const int KestrelHardLimitBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{context.Request.Path}{context.Request.QueryString}";
        if (target.Length > MaxTargetLength)
        {
            await Refuse(context, StatusCodes.Status414UriTooLong, "uri_too_long", "The request target is too long.", $"The path and query are limited to {MaxTargetLength} characters.");
            return;
        }

        long headerBytes = context.Request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => (long)(v?.Length ?? 0)));
        if (headerBytes > MaxHeaderBytes)
        {
            await Refuse(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "request_header_fields_too_large", "The request headers are too large.", $"Request headers are limited to {MaxHeaderBytes / 1024} KiB in all.");
            return;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await Refuse(context, StatusCodes.Status413PayloadTooLarge, "payload_too_large", "The request body is too large.", $"Request bodies are limited to {MaxBodyBytes / 1024} KiB.");
            return;
        }

        await next(context);
    }

    private static async Task Refuse(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = ProblemTypes.For(status),
                Extensions = { ["code"] = code },
            },
        });
    }
}
