using System.Globalization;
using System.Text.Json.Serialization;
using Billing.SharedKernel;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Billing.Host.Recurly;

/// <summary>Recurly's list envelope; <c>next</c> is a path relative to the client's /recurly base (RECURLY.md §3.3).</summary>
internal sealed record RecurlyPage(bool HasMore, string? Next, IReadOnlyList<object> Data)
{
    [JsonPropertyName("object")]
    public string Object => "list";
}

/// <summary>
/// The common list parameters (RECURLY.md §3.3): <c>ids</c>, <c>limit</c> (1–200, default 20), <c>order</c> (asc|desc,
/// default desc), <c>sort</c> (created_at|updated_at), <c>begin_time</c>/<c>end_time</c> (inclusive, UTC when no zone is
/// given), a list's own filters, and the <c>cursor</c> this layer puts in <c>next</c>. Unknown parameters are refused.
/// </summary>
internal sealed class RecurlyListQuery
{
    private static readonly string[] Common = ["ids", "limit", "order", "sort", "begin_time", "end_time", "cursor"];

    private RecurlyListQuery(IQueryCollection query) => Query = query;

    public IQueryCollection Query { get; }

    public int Limit { get; private init; } = 20;

    public bool Ascending { get; private init; }

    public HashSet<string>? Ids { get; private init; }

    public DateTimeOffset? Begin { get; private init; }

    public DateTimeOffset? End { get; private init; }

    public (DateTimeOffset CreatedAt, string Id)? Cursor { get; private init; }

    public string? Filter(string name) => Query.TryGetValue(name, out var value) ? value.ToString() : null;

    public static (RecurlyListQuery? Query, IResult? Refusal) Parse(HttpRequest request, params string[] filters)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !Common.Contains(k) && !filters.Contains(k)) is { } unknown)
        {
            return Refuse(unknown, $"'{unknown}' is not a parameter of this list; it takes {string.Join(", ", Common.Where(c => c != "cursor").Concat(filters))}.");
        }

        int limit = 20;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 200))
        {
            return Refuse("limit", "limit must be an integer from 1 to 200.");
        }

        string order = query.TryGetValue("order", out var orderText) ? orderText.ToString() : "desc";
        if (order is not ("asc" or "desc"))
        {
            return Refuse("order", "order must be asc or desc.");
        }

        if (query.TryGetValue("sort", out var sort) && sort.ToString() is not ("created_at" or "updated_at"))
        {
            return Refuse("sort", "sort must be created_at or updated_at.");
        }

        if (!TryTime(query, "begin_time", out var begin) || !TryTime(query, "end_time", out var end))
        {
            string field = TryTime(query, "begin_time", out _) ? "end_time" : "begin_time";
            return Refuse(field, InstantRange.InstantRule(field));
        }

        (DateTimeOffset, string)? cursor = null;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            string[] parts = cursorText.ToString().Split(':', 2);
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return Refuse("cursor", "cursor is not one this server gave out; follow the list's next link as it is.");
            }

            cursor = (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
        }

        HashSet<string>? ids = null;
        if (query.TryGetValue("ids", out var idsText))
        {
            ids = [.. idsText.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            if (ids.Count is 0 or > 200)
            {
                return Refuse("ids", "ids takes from 1 to 200 comma-separated ids.");
            }
        }

        return (new RecurlyListQuery(query) { Limit = limit, Ascending = order == "asc", Begin = begin, End = end, Cursor = cursor, Ids = ids }, null);
    }

    /// <summary>
    /// Answers the list: HEAD with <c>Recurly-Total-Records</c> (every filter, no cursor or limit) and no body; GET with
    /// one page in (created_at, id) order, keyset after the cursor, and a <c>next</c> that carries every parameter. A page
    /// is never empty while <c>has_more</c> is true.
    /// </summary>
    public IResult Answer<T>(HttpContext context, IEnumerable<T> items, Func<T, DateTimeOffset> createdAt, Func<T, string> id, Func<T, object> render)
    {
        var matching = items.Where(item =>
            (Ids is null || Ids.Contains(id(item)))
            && (Begin is null || createdAt(item) >= Begin)
            && (End is null || createdAt(item) <= End)).ToList();
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers["Recurly-Total-Records"] = matching.Count.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Ok();
        }

        var ordered = Ascending
            ? matching.OrderBy(createdAt).ThenBy(id, StringComparer.Ordinal)
            : matching.OrderByDescending(createdAt).ThenByDescending(id, StringComparer.Ordinal);
        IEnumerable<T> rest = ordered;
        if (Cursor is { } after)
        {
            rest = ordered.Where(item => IsAfter(createdAt(item), id(item), after));
        }

        var page = rest.Take(Limit + 1).ToList();
        bool hasMore = page.Count > Limit;
        page = page.Take(Limit).ToList();
        string? next = hasMore ? NextLink(context.Request, createdAt(page[^1]), id(page[^1])) : null;
        return RecurlyJson.Ok(new RecurlyPage(hasMore, next, [.. page.Select(render)]));
    }

    private bool IsAfter(DateTimeOffset created, string id, (DateTimeOffset CreatedAt, string Id) cursor)
    {
        int byTime = created.UtcTicks.CompareTo(cursor.CreatedAt.UtcTicks);
        int compared = byTime != 0 ? byTime : string.CompareOrdinal(id, cursor.Id);
        return Ascending ? compared > 0 : compared < 0;
    }

    private string NextLink(HttpRequest request, DateTimeOffset createdAt, string id)
    {
        var parameters = Query.Where(p => p.Key != "cursor")
            .Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value))
            .Append(new KeyValuePair<string, StringValues>("cursor", $"{createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id}"));
        if (!Query.ContainsKey("limit"))
        {
            parameters = parameters.Append(new KeyValuePair<string, StringValues>("limit", Limit.ToString(CultureInfo.InvariantCulture)));
        }

        string path = request.Path.Value!.StartsWith(RecurlyWire.Prefix, StringComparison.Ordinal) ? request.Path.Value[RecurlyWire.Prefix.Length..] : request.Path.Value;
        return QueryHelpers.AddQueryString(path, parameters);
    }

    private static bool TryTime(IQueryCollection query, string name, out DateTimeOffset? at)
    {
        at = null;
        if (!query.TryGetValue(name, out var text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            && InstantRange.Contains(parsed))
        {
            at = parsed;
            return true;
        }

        return false;
    }

    private static (RecurlyListQuery?, IResult?) Refuse(string param, string message) => (null, RecurlyErrors.Validation(param, message));
}

/// <summary>Lists in Recurly's shape over a module list query.</summary>
internal static class RecurlyListing
{
    public static async Task<IResult> ListAsync<T>(
        HttpContext context,
        string[] filters,
        Func<RecurlyListQuery, Task<Result<IReadOnlyList<T>>>> load,
        Func<RecurlyListQuery, T, bool> keep,
        Func<T, DateTimeOffset> createdAt,
        Func<T, string> id,
        Func<T, object> render)
    {
        var (query, refusal) = RecurlyListQuery.Parse(context.Request, filters);
        if (refusal is not null)
        {
            return refusal;
        }

        var items = await load(query!);
        return items.IsSuccess
            ? query!.Answer(context, items.Value.Where(item => keep(query, item)), createdAt, id, render)
            : RecurlyErrors.From(items.Error);
    }
}
