using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Billing.BuildingBlocks.Idempotency;

namespace Billing.Host.Http;

/// <summary>
/// Idempotency keys on every state-changing API request (Stripe's convention): the first response to a key is
/// stored with a hash of the request and replayed to retries for 24 hours (with <c>Idempotent-Replayed: true</c>);
/// the same key with a different request is refused with 422 <c>idempotency_key_reused</c>; a retry while the first
/// request runs waits briefly for it, then gets 409 <c>idempotency_key_in_progress</c>. Server errors are not
/// stored, so a retry after one runs again. Keys are scoped to the caller's token.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || !context.Request.Headers.TryGetValue(Header, out var values) || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        string key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || values.Count > 1)
        {
            await Problem(context, StatusCodes.Status400BadRequest, "invalid_idempotency_key", $"{Header} must be one value of 1 to {MaxKeyLength} characters.");
            return;
        }

        string scopedKey = $"{Hash(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()))}:{key}";
        string requestHash = await RequestHashAsync(context.Request);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var (outcome, record) = await store.ClaimAsync(scopedKey, requestHash, context.RequestAborted);
            switch (outcome)
            {
                case ClaimOutcome.Claimed:
                    await RunAndStoreAsync(context, scopedKey);
                    return;
                case ClaimOutcome.Replay:
                    context.Response.StatusCode = record!.StatusCode ?? StatusCodes.Status200OK;
                    context.Response.ContentType = record.ContentType;
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                    await context.Response.Body.WriteAsync(record.Body ?? [], context.RequestAborted);
                    return;
                case ClaimOutcome.Mismatch:
                    await Problem(context, StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused", $"{Header} '{key}' was already used with a different request; use a new key.");
                    return;
                case ClaimOutcome.InProgress when waited.Elapsed < WaitForFirst:
                    await Task.Delay(50, context.RequestAborted);
                    break;
                default:
                    await Problem(context, StatusCodes.Status409Conflict, "idempotency_key_in_progress", $"A request with {Header} '{key}' is still being processed; retry later.");
                    return;
            }
        }
    }

    private async Task RunAndStoreAsync(HttpContext context, string scopedKey)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await store.ReleaseAsync(scopedKey, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        byte[] body = buffer.ToArray();
        if (context.Response.StatusCode >= 500 || context.Response.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            await store.ReleaseAsync(scopedKey, CancellationToken.None);
        }
        else
        {
            await store.CompleteAsync(scopedKey, context.Response.StatusCode, context.Response.ContentType, body, CancellationToken.None);
        }

        await original.WriteAsync(body, context.RequestAborted);
        logger.LogDebug("Stored the response to an idempotent request ({Status}).", context.Response.StatusCode);
    }

    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        byte[] head = Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n");
        return Hash([.. head, .. body.ToArray()]);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private static async Task Problem(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = "The idempotency key cannot be used.",
                Detail = detail,
                Type = ProblemTypes.For(status),
                Extensions = { ["code"] = code },
            },
        });
    }
}
