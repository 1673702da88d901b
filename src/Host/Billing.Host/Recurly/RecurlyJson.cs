using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Host.Recurly;

/// <summary>
/// JSON as Recurly's clients read and write it: snake_case, every declared member written (an explicit null
/// included), numbers as JSON numbers, <c>application/json; charset=utf-8</c>; unknown request members refused.
/// </summary>
internal static class RecurlyJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 32,
    };

    public static IResult Ok(object value) => TypedResults.Json(value, Options, ContentType);

    public static IResult Created(object value) => TypedResults.Json(value, Options, ContentType, StatusCodes.Status201Created);

    public static IResult Ok<T>(Result<T> result, Func<T, object> render) => result.IsSuccess ? Ok(render(result.Value)) : RecurlyErrors.From(result.Error);

    public static IResult Created<T>(Result<T> result, Func<T, object> render) => result.IsSuccess ? Created(render(result.Value)) : RecurlyErrors.From(result.Error);

    /// <summary>
    /// The request body as <typeparamref name="T"/>; an empty body (Recurly's bodiless PUT sends <c>Content-Length: 0</c>)
    /// reads as <paramref name="empty"/>. A body that is not the expected JSON is a <c>bad_request</c>.
    /// </summary>
    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(HttpRequest request, T? empty = default)
        where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0)
        {
            return empty is null ? (null, RecurlyErrors.BadRequest("The request needs a JSON body.")) : (empty, null);
        }

        try
        {
            var body = JsonSerializer.Deserialize<T>(buffer.ToArray(), Options);
            return body is null ? (null, RecurlyErrors.BadRequest("The request needs a JSON object.")) : (body, null);
        }
        catch (JsonException exception)
        {
            return (null, RecurlyErrors.BadRequest($"The JSON body is not valid here: {exception.Message.Split(" Path:")[0]}"));
        }
    }

    /// <summary>A timestamp as Recurly writes it: ISO 8601 in UTC with a <c>Z</c>.</summary>
    public static DateTime? Utc(DateTimeOffset? at) => at?.UtcDateTime;

    public static DateTime Utc(DateTimeOffset at) => at.UtcDateTime;
}

/// <summary>
/// Recurly ids of resources that Billing keys by code (accounts, plans, add-ons, unique codes) or by an id with a
/// prefix: the lowercase hex of the key, opaque, free of <c>-</c> (so never ambiguous with a <c>code-</c> selector) and
/// reversible without storage. The same encoding of an id gives the 32+ hex-character <c>uuid</c> Recurly shows.
/// </summary>
internal static class RecurlyIds
{
    public static string Encode(string key) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key));

    public static string? Decode(string id)
    {
        if (id.Length == 0 || id.Length % 2 != 0 || !id.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        try
        {
            // No key holds a control character; PostgreSQL's text cannot even hold NUL (uuid-00 answered 500 there).
            string key = Encoding.UTF8.GetString(Convert.FromHexString(id));
            return key.Any(char.IsControl) ? null : key;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The key a path selector names: <c>code-x</c> (only the first prefix is stripped: codes may hold hyphens), or an
    /// encoded id. Route values keep <c>%2F</c> encoded, so it is decoded here.
    /// </summary>
    public static string? ByCodeOrId(string selector)
    {
        string raw = selector.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return raw.StartsWith("code-", StringComparison.Ordinal) ? raw["code-".Length..] : Decode(raw);
    }

    /// <summary>A Billing id named by its own value or by <c>uuid-&lt;uuid&gt;</c> (the hex of the id).</summary>
    public static string? ByIdOrUuid(string selector)
    {
        string raw = selector.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return raw.StartsWith("uuid-", StringComparison.Ordinal) ? Decode(raw["uuid-".Length..]) : raw;
    }
}

/// <summary>Reads that follow a command in the same request.</summary>
internal static class RecurlyScopes
{
    /// <summary>
    /// A mediator of a new DI scope, for the reads that render a command's outcome: a pooled module DbContext that took
    /// part in the command keeps its finished transaction, so a read on it in the same scope fails.
    /// </summary>
    public static IMediator AfterCommand(this HttpContext http)
    {
        var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        http.Response.RegisterForDisposeAsync(scope);
        return scope.ServiceProvider.GetRequiredService<IMediator>();
    }
}
