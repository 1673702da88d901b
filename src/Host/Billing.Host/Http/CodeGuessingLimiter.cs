using System.Collections.Concurrent;
using System.Globalization;
using Billing.Host.Auth;
using Microsoft.Extensions.Options;

namespace Billing.Host.Http;

/// <summary>Configuration of the code-guessing limit (<c>Billing:Limits</c>).</summary>
internal sealed class GuessLimitOptions
{
    /// <summary>Unknown or invalid coupon codes one authenticated caller (one configured token) may send per minute.</summary>
    public int CouponGuessesPerMinute { get; set; } = 20;

    /// <summary>
    /// The same for unauthenticated callers, counted per remote address: higher, because many customers may share one
    /// address behind a proxy.
    /// </summary>
    public int AnonymousCouponGuessesPerMinute { get; set; } = 100;
}

/// <summary>
/// The code-guessing limit (issue 25): at most <see cref="GuessLimitOptions.CouponGuessesPerMinute"/> requests
/// per caller and fixed one-minute window may name an unknown or invalid coupon code. A request that names a code
/// takes one of its caller's slots <em>before</em> the code is looked up and gives it back when the code was
/// found, so concurrent guesses can never overrun the limit; once the slots are gone, requests that name a code
/// answer 429 <c>too_many_coupon_guesses</c> with <c>Retry-After</c> until the window ends. Requests that name no
/// code are neither counted nor limited (issue 14).
/// <para>
/// Callers are told apart by their authenticated principal (<see cref="Principals.IdOf"/>), never by how their
/// <c>Authorization</c> header is spelled, so one caller's misses never lock out another (an admin included);
/// only an unauthenticated caller is counted by its remote address, with its own, higher limit.
/// </para>
/// <para>
/// The framework's <c>System.Threading.RateLimiting</c> limiters cannot give a permit back to a fixed window (a
/// disposed lease is not a refund), and a hit must not count, so the window is counted here, under a lock per
/// partition.
/// </para>
/// </summary>
internal sealed class CodeGuessingLimiter(IOptions<GuessLimitOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Partitions kept before the expired ones are dropped (addresses of anonymous callers accumulate).</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Partition> partitions = new(StringComparer.Ordinal);

    /// <summary>Takes a slot of the caller's window, or answers how long until the window ends.</summary>
    public bool TryReserve(string partitionKey, int limit, out Reservation reservation, out TimeSpan retryAfter)
    {
        if (partitions.Count > PruneAbove)
        {
            Prune();
        }

        while (true)
        {
            var partition = partitions.GetOrAdd(partitionKey, static _ => new Partition());
            var outcome = partition.TryReserve(clock.GetUtcNow(), limit, out var windowStart, out retryAfter);
            if (outcome != Partition.Outcome.Retired)
            {
                reservation = new Reservation(partition, windowStart);
                return outcome == Partition.Outcome.Reserved;
            }
        }
    }

    /// <summary>The caller's partition and limit: its principal when authenticated, else its remote address.</summary>
    public (string Key, int Limit) PartitionOf(HttpContext context) =>
        Principals.IdOf(context.User) is { } principal
            ? ("principal:" + principal, options.Value.CouponGuessesPerMinute)
            : ("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), options.Value.AnonymousCouponGuessesPerMinute);

    /// <summary>An endpoint filter for requests that name a code: reserve, run, and give the slot back unless the code missed.</summary>
    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var (key, limit) = PartitionOf(invocation.HttpContext);
        if (!TryReserve(key, limit, out var reservation, out var retryAfter))
        {
            return new TooManyGuessesResult(Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)));
        }

        bool missed = false;
        try
        {
            object? result = await next(invocation);
            missed = IsBadCode(result);
            return result;
        }
        finally
        {
            if (!missed)
            {
                reservation.Release();
            }
        }
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var entry in partitions)
        {
            if (entry.Value.TryRetire(now))
            {
                partitions.TryRemove(entry);
            }
        }
    }

    /// <summary>An unknown code, or a malformed coupon code field: in /api's problem details, or in the Billing error a Recurly answer translates.</summary>
    private static bool IsBadCode(object? result) => result switch
    {
        IValueHttpResult { Value: Microsoft.AspNetCore.Mvc.ProblemDetails problem } => problem.Extensions.TryGetValue("code", out var code)
            && IsMiss(code as string, problem is HttpValidationProblemDetails validation ? validation.Errors.Keys : []),
        Recurly.RecurlyErrorResult { Translated: { } error } => IsMiss(error.Code, error.Fields.Keys),
        _ => false,
    };

    private static bool IsMiss(string? code, IEnumerable<string> fields) =>
        code == "coupon_not_found" || (code == "validation_failed" && fields.Any(field => field.Contains("coupon_code", StringComparison.Ordinal)));

    /// <summary>A slot taken in one window of one partition.</summary>
    public readonly record struct Reservation(Partition Partition, DateTimeOffset WindowStart)
    {
        /// <summary>Gives the slot back: the code was found (or the request failed before it could tell).</summary>
        public void Release() => Partition.Release(WindowStart);
    }

    /// <summary>One caller's fixed window: when it started and how many of its slots are taken.</summary>
    internal sealed class Partition
    {
        private readonly Lock gate = new();
        private DateTimeOffset windowStart = DateTimeOffset.MinValue;
        private int taken;
        private bool retired;

        public enum Outcome
        {
            Reserved,
            Refused,
            Retired,
        }

        public Outcome TryReserve(DateTimeOffset now, int limit, out DateTimeOffset reservedIn, out TimeSpan retryAfter)
        {
            lock (gate)
            {
                reservedIn = windowStart;
                retryAfter = TimeSpan.Zero;
                if (retired)
                {
                    return Outcome.Retired;
                }

                if (now - windowStart >= Window || now < windowStart)
                {
                    windowStart = now;
                    taken = 0;
                }

                reservedIn = windowStart;
                if (taken >= limit)
                {
                    retryAfter = windowStart + Window - now;
                    return Outcome.Refused;
                }

                taken++;
                return Outcome.Reserved;
            }
        }

        public void Release(DateTimeOffset reservedIn)
        {
            lock (gate)
            {
                if (reservedIn == windowStart && taken > 0)
                {
                    taken--;
                }
            }
        }

        /// <summary>Retires a partition whose window has ended, so it can be dropped without losing a count.</summary>
        public bool TryRetire(DateTimeOffset now)
        {
            lock (gate)
            {
                retired |= now - windowStart >= Window;
                return retired;
            }
        }
    }

    private sealed class TooManyGuessesResult(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            string message = $"Too many unknown or invalid coupon codes from this client; retry in {retryAfterSeconds} s.";
            if (httpContext.Request.Path.StartsWithSegments(Recurly.RecurlyWire.Prefix, StringComparison.Ordinal))
            {
                return Recurly.RecurlyErrors.Result("rate_limited", $"{message} (too_many_coupon_guesses)").ExecuteAsync(httpContext);
            }

            return TypedResults.Problem(
                detail: message,
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests.",
                type: ProblemTypes.For(429),
                extensions: new Dictionary<string, object?> { ["code"] = "too_many_coupon_guesses" }).ExecuteAsync(httpContext);
        }
    }
}

internal static class CodeGuessingLimiterExtensions
{
    /// <summary>
    /// Counts this endpoint's unknown or invalid coupon codes against the caller (issues 8 and 25) — only for requests
    /// whose body names a code (<paramref name="namesACode"/>); the others pass untouched (issue 14).
    /// </summary>
    public static RouteHandlerBuilder LimitCouponGuessing<TBody>(this RouteHandlerBuilder endpoint, Func<TBody, bool> namesACode)
        where TBody : class =>
        endpoint.WithMetadata(new OpenApi.CouponGuessingLimited()).AddEndpointFilter((invocation, next) =>
            invocation.Arguments.OfType<TBody>().Any(namesACode)
                ? invocation.HttpContext.RequestServices.GetRequiredService<CodeGuessingLimiter>().FilterAsync(invocation, next)
                : next(invocation));

    /// <summary>
    /// The same for endpoints that read their body themselves (the Recurly layer): every request passes the limit.
    /// </summary>
    public static RouteHandlerBuilder LimitCouponGuessing(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new OpenApi.CouponGuessingLimited()).AddEndpointFilter((invocation, next) =>
            invocation.HttpContext.RequestServices.GetRequiredService<CodeGuessingLimiter>().FilterAsync(invocation, next));
}
