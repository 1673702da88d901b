using System.Globalization;
using System.Text.Json.Serialization;
using Billing.SharedKernel;
using MediatR;
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
/// default desc), <c>sort</c> (created_at|updated_at; Billing keeps no update time, so both order and filter by
/// creation), <c>begin_time</c>/<c>end_time</c> (inclusive, UTC when no zone is given), a list's own filters, and the
/// <c>cursor</c> this layer puts in <c>next</c>. Unknown parameters are refused.
/// </summary>
internal sealed class RecurlyListQuery
{
    private static readonly string[] Common = ["ids", "limit", "order", "sort", "begin_time", "end_time", "cursor"];

    private const string CursorRule = "cursor is not one this server gave out; follow the list's next link as it is.";

    private RecurlyListQuery(IQueryCollection query) => Query = query;

    public IQueryCollection Query { get; }

    public int Limit { get; private init; } = 20;

    public bool Ascending { get; private init; }

    public HashSet<string>? Ids { get; private init; }

    /// <summary><c>begin_time</c> to <c>end_time</c>, both included (RECURLY.md §3.3).</summary>
    public CreatedRange? Created { get; private init; }

    /// <summary>The keyset cursor of the page to read (a module's <see cref="Page{T}.NextCursor"/>, or this layer's own for in-memory lists).</summary>
    public string? Cursor { get; private init; }

    public string? Filter(string name) => Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The entries of <c>ids</c> that are <paramref name="prefix"/> selectors (<c>code-x</c>), each without its prefix; <c>null</c> when there are none.</summary>
    public IReadOnlyList<string>? Selectors(string prefix) =>
        Ids?.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Select(id => id[prefix.Length..]).ToList() is { Count: > 0 } selected ? selected : null;

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

        string? cursor = null;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            cursor = cursorText.ToString();
            if (!PageCursor.TryDecode(cursor, out _))
            {
                return Refuse("cursor", CursorRule);
            }
        }

        HashSet<string>? ids = null;
        if (query.TryGetValue("ids", out var idsText))
        {
            ids = [.. idsText.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            if (ids.Count is 0 or > PageRequest.MaxLimit)
            {
                return Refuse("ids", "ids takes from 1 to 200 comma-separated ids.");
            }
        }

        return (new RecurlyListQuery(query) { Limit = limit, Ascending = order == "asc", Created = CreatedRange.Closed(begin, end), Cursor = cursor, Ids = ids }, null);
    }

    /// <summary>
    /// Answers a list held in memory (a plan's add-ons, an invoice's lines): HEAD with <c>Recurly-Total-Records</c> (every
    /// filter, no cursor or limit) and no body; GET with one page in (created_at, id) order, keyset after the cursor, and
    /// a <c>next</c> that carries every parameter. A page is never empty while <c>has_more</c> is true.
    /// </summary>
    public IResult Answer<T>(HttpContext context, IEnumerable<T> items, Func<T, DateTimeOffset> createdAt, Func<T, string> id, Func<T, object> render)
    {
        var matching = items.Where(item =>
            (Ids is null || Ids.Contains(id(item))) && (Created?.Contains(createdAt(item)) ?? true)).ToList();
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Counted(context, matching.Count);
        }

        var ordered = Ascending
            ? matching.OrderBy(createdAt).ThenBy(id, StringComparer.Ordinal)
            : matching.OrderByDescending(createdAt).ThenByDescending(id, StringComparer.Ordinal);
        IEnumerable<T> rest = ordered;
        if (Cursor is not null && PageCursor.TryDecode(Cursor, out var after))
        {
            if (after.Position > DateTimeOffset.MaxValue.UtcTicks)
            {
                return RecurlyErrors.Validation("cursor", CursorRule);
            }

            rest = ordered.Where(item => IsAfter(createdAt(item), id(item), after));
        }

        var page = rest.Take(Limit + 1).ToList();
        bool hasMore = page.Count > Limit;
        page = page.Take(Limit).ToList();
        string? next = hasMore ? NextLink(context.Request, new PageCursor(createdAt(page[^1]).UtcTicks, id(page[^1])).Encode()) : null;
        return RecurlyJson.Ok(new RecurlyPage(hasMore, next, [.. page.Select(render)]));
    }

    /// <summary>
    /// Answers the list with one request of a module's page query (issue 20, issue 17), every filter in its SQL: the
    /// query's own filters, and this list's window in the <see cref="PageRequest"/>: <c>begin_time</c>/<c>end_time</c>
    /// as its inclusive created range, <c>ids</c> mapped by <paramref name="key"/> to the module's keys (an id it cannot
    /// map matches nothing) and kept to <paramref name="within"/> when given. HEAD asks the same query for its count
    /// (<see cref="PageRequest.CountOnly"/>, one <c>SELECT COUNT(*)</c>) and answers <c>Recurly-Total-Records</c>; GET
    /// reads one keyset page, newest first for <c>order=desc</c>, and its <c>next</c> carries every parameter with the
    /// module's cursor, so no page is empty while <c>has_more</c> is true.
    /// </summary>
    public async Task<IResult> AnswerAsync<T>(
        HttpContext context,
        IMediator mediator,
        Func<PageRequest, IQuery<Page<T>>> query,
        Func<string, string?> key,
        Func<IReadOnlyList<T>, Task<Result<IReadOnlyList<object>>>> render,
        CancellationToken ct,
        IReadOnlySet<string>? within = null)
    {
        IEnumerable<string>? keys = Ids?.Select(key).OfType<string>();
        if (within is not null)
        {
            keys = keys is null ? within : keys.Where(within.Contains);
        }

        bool head = HttpMethods.IsHead(context.Request.Method);
        var request = new PageRequest(Limit, head ? null : Cursor, Reversed: !Ascending)
        {
            Created = Created,
            Keys = keys?.Distinct(StringComparer.Ordinal).ToList(),
            CountOnly = head,
        };
        var page = await mediator.Send(query(request), ct);
        if (!page.IsSuccess)
        {
            return RecurlyErrors.From(page.Error);
        }

        if (head)
        {
            return Counted(context, page.Value.Total ?? 0);
        }

        var rendered = await render(page.Value.Data);
        if (!rendered.IsSuccess)
        {
            return RecurlyErrors.From(rendered.Error);
        }

        string? link = page.Value is { HasMore: true, NextCursor: { } next } ? NextLink(context.Request, next) : null;
        return RecurlyJson.Ok(new RecurlyPage(link is not null, link, rendered.Value));
    }

    /// <summary>The answer of a list whose own filter can match nothing (a state Billing never has): a count of 0, or an empty last page.</summary>
    public static IResult Nothing(HttpContext context) =>
        HttpMethods.IsHead(context.Request.Method) ? Counted(context, 0) : RecurlyJson.Ok(new RecurlyPage(false, null, []));

    /// <summary>Every item of a page rendered by <paramref name="render"/>, which cannot fail.</summary>
    public static Func<IReadOnlyList<T>, Task<Result<IReadOnlyList<object>>>> Each<T>(Func<T, object> render) =>
        items => Task.FromResult<Result<IReadOnlyList<object>>>(items.Select(render).ToList());

    /// <summary>Every item of a page rendered by <paramref name="render"/> in turn; the first failure is the answer.</summary>
    public static Func<IReadOnlyList<T>, Task<Result<IReadOnlyList<object>>>> EachAsync<T, TOut>(Func<T, Task<Result<TOut>>> render)
        where TOut : notnull =>
        async items =>
        {
            var rendered = new List<object>();
            foreach (var item in items)
            {
                var one = await render(item);
                if (!one.IsSuccess)
                {
                    return one.Error;
                }

                rendered.Add(one.Value);
            }

            return rendered;
        };

    private static IResult Counted(HttpContext context, long total)
    {
        context.Response.Headers["Recurly-Total-Records"] = total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok();
    }

    private bool IsAfter(DateTimeOffset created, string id, PageCursor cursor)
    {
        int byTime = created.UtcTicks.CompareTo(cursor.Position);
        int compared = byTime != 0 ? byTime : string.CompareOrdinal(id, cursor.Id);
        return Ascending ? compared > 0 : compared < 0;
    }

    private string NextLink(HttpRequest request, string cursor)
    {
        var parameters = Query.Where(p => p.Key != "cursor")
            .Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value))
            .Append(new KeyValuePair<string, StringValues>("cursor", cursor));
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

/// <summary>Lists in Recurly's shape over a module page query (<see cref="RecurlyListQuery.AnswerAsync"/>).</summary>
internal static class RecurlyPaging
{
    /// <summary>
    /// Parses the list's parameters and answers it from the page query <paramref name="query"/> builds for them; a query
    /// of <c>null</c> is a list whose own filters can match nothing (<see cref="RecurlyListQuery.Nothing"/>).
    /// </summary>
    public static async Task<IResult> PageAsync<T>(
        HttpContext context,
        IMediator mediator,
        string[] filters,
        Func<RecurlyListQuery, Func<PageRequest, IQuery<Page<T>>>?> query,
        Func<string, string?> key,
        Func<IReadOnlyList<T>, Task<Result<IReadOnlyList<object>>>> render,
        CancellationToken ct,
        IReadOnlySet<string>? within = null)
    {
        var (list, refusal) = RecurlyListQuery.Parse(context.Request, filters);
        if (refusal is not null)
        {
            return refusal;
        }

        return query(list!) is { } pages
            ? await list!.AnswerAsync(context, mediator, pages, key, render, ct, within)
            : RecurlyListQuery.Nothing(context);
    }
}
