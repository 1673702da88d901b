using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace Billing.Host.Http;

/// <summary>Configuration of the code-guessing limit (<c>Billing:Limits</c>).</summary>
internal sealed class GuessLimitOptions
{
    /// <summary>Failed coupon codes a client may send per minute, per token and per remote address.</summary>
    public int CouponGuessesPerMinute { get; set; } = 20;
}

/// <summary>
/// Code-guessing limits: requests that name an unknown or invalid coupon code count against the caller's token
/// and its remote address (ASP.NET Core's fixed-window rate limiter, one partition each); once either has no
/// failures left, requests naming coupon codes get 429 with <c>Retry-After</c> until the window ends.
/// Successful redemptions do not count.
/// </summary>
internal sealed class CodeGuessingLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public CodeGuessingLimiter(Microsoft.Extensions.Options.IOptions<GuessLimitOptions> options) =>
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.CouponGuessesPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose() => limiter.Dispose();

    /// <summary>An endpoint filter: refuses a blocked client, and counts the request when it named a bad code.</summary>
    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        string[] keys = KeysOf(context);
        foreach (string key in keys)
        {
            using var probe = limiter.AttemptAcquire(key, 0);
            if (!probe.IsAcquired)
            {
                return TooMany(probe);
            }
        }

        object? result = await next(invocation);
        if (IsBadCode(result))
        {
            foreach (string key in keys)
            {
                using var lease = limiter.AttemptAcquire(key, 1);
            }
        }

        return result;
    }

    private static string[] KeysOf(HttpContext context) =>
    [
        "token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()))),
        "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
    ];

    /// <summary>An unknown code, or a malformed coupon code field.</summary>
    private static bool IsBadCode(object? result) =>
        result is IValueHttpResult { Value: Microsoft.AspNetCore.Mvc.ProblemDetails problem }
        && problem.Extensions.TryGetValue("code", out var code)
        && (code as string == "coupon_not_found"
            || (code as string == "validation_failed"
                && problem is HttpValidationProblemDetails validation
                && validation.Errors.Keys.Any(k => k.Contains("coupon_code", StringComparison.Ordinal))));

    private static IResult TooMany(RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return new TooManyGuessesResult((int)Math.Ceiling(retryAfter.TotalSeconds));
    }

    private sealed class TooManyGuessesResult(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                detail: $"Too many unknown or invalid coupon codes from this client; retry in {retryAfterSeconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests.",
                type: ProblemTypes.For(429),
                extensions: new Dictionary<string, object?> { ["code"] = "too_many_coupon_guesses" }).ExecuteAsync(httpContext);
        }
    }
}

internal static class CodeGuessingLimiterExtensions
{
    /// <summary>Counts this endpoint's unknown or invalid coupon codes against the caller (issue 8).</summary>
    public static RouteHandlerBuilder LimitCouponGuessing(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter((invocation, next) => invocation.HttpContext.RequestServices.GetRequiredService<CodeGuessingLimiter>().FilterAsync(invocation, next));
}
