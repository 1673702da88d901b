using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Billing.BuildingBlocks.Idempotency;
using Billing.BuildingBlocks.Persistence;
using Billing.Host.Auth;
using Microsoft.Extensions.Options;

namespace Billing.Host.Http;

/// <summary>Configuration of idempotency keys (<c>Billing:Idempotency</c>).</summary>
internal sealed class IdempotencyOptions
{
    /// <summary>The fewest characters a secret may have.</summary>
    public const int MinSecretLength = 32;

    /// <summary>
    /// The server secret under which a caller's id is hashed (HMAC-SHA256) to scope its keys: the table never holds a
    /// token, nor a hash anyone could recompute from one.
    /// </summary>
    public string? Secret { get; set; }

    public bool HasSecret => Secret is { Length: >= MinSecretLength };
}

/// <summary>
/// Idempotency keys on every state-changing API request (Stripe's convention): the first response to a key is
/// stored with a hash of the request and replayed to retries for 24 hours — status, body, <c>Content-Type</c> and
/// <c>Location</c>, with <c>Idempotent-Replayed: true</c>;
/// the same key with a different request is refused with 422 <c>idempotency_key_reused</c>; a retry while the first
/// request runs waits briefly for it, then gets 409 <c>idempotency_key_in_progress</c>. Server errors, 429 and
/// the refusals of a request before it ran (400, 401, 403, 413, 415) are not stored, so a corrected retry runs.
/// Keys are scoped to the caller's principal (issue 25), stored as an HMAC of its id under
/// <see cref="IdempotencyOptions.Secret"/>: however the caller spells its <c>Authorization</c> header, one key is
/// one request.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, IOptions<IdempotencyOptions> options, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || !context.Request.Headers.TryGetValue(Header, out var values) || Principals.IdOf(context.User) is not { } principal)
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

        string scopedKey = $"{ScopeOf(principal)}:{key}";
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
                    if (record.Location is not null)
                    {
                        context.Response.Headers.Location = record.Location;
                    }

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

    /// <summary>
    /// Runs the request with its transaction's commit held (<see cref="DbSession.HoldNextCommit"/>), so that its
    /// effects and its stored answer commit together: a process killed at any moment leaves both or neither, and the
    /// claim of a request that committed nothing is released when the host starts again.
    /// </summary>
    private async Task RunAndStoreAsync(HttpContext context, string scopedKey)
    {
        var session = context.RequestServices.GetRequiredService<DbSession>();
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        session.HoldNextCommit();
        try
        {
            await next(context);
        }
        catch
        {
            session.RollBackHeld();
            await store.ReleaseAsync(scopedKey, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        byte[] body = buffer.ToArray();
        if (!IsReplayable(context.Response.StatusCode))
        {
            session.RollBackHeld();
            await store.ReleaseAsync(scopedKey, CancellationToken.None);
        }
        else
        {
            string? location = context.Response.Headers.Location.Count == 1 ? context.Response.Headers.Location.ToString() : null;
            var response = new StoredResponse(context.Response.StatusCode, context.Response.ContentType, location, body);
            if (session.HasHeldCommit)
            {
                await store.CompleteWithEffectsAsync(session, scopedKey, response, CancellationToken.None);
            }
            else
            {
                session.RollBackHeld();
                await store.CompleteAsync(scopedKey, response, CancellationToken.None);
            }
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

    /// <summary>
    /// A response worth replaying: the request ran and its outcome is final. Not a server error or 429 (a retry may
    /// succeed), nor a refusal before the request ran — malformed, unauthenticated, forbidden, too large or of an
    /// unsupported media type — which changed nothing and must not be replayed to the corrected retry.
    /// </summary>
    private static bool IsReplayable(int status) =>
        status < 500 && status is not (StatusCodes.Status400BadRequest or StatusCodes.Status401Unauthorized
            or StatusCodes.Status403Forbidden or StatusCodes.Status413PayloadTooLarge
            or StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status429TooManyRequests);

    /// <summary>The caller's scope: HMAC-SHA256 of its principal id under the server secret.</summary>
    private string ScopeOf(string principal)
    {
        string secret = options.Value.HasSecret ? options.Value.Secret! : throw new InvalidOperationException("Billing:Idempotency:Secret is not configured.");
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(principal)));
    }

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
