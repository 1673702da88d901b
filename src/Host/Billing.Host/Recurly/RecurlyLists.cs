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
        string? next = hasMore ? NextLink(context.Request, $"{createdAt(page[^1]).UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id(page[^1])}") : null;
        return RecurlyJson.Ok(new RecurlyPage(hasMore, next, [.. page.Select(render)]));
    }

    /// <summary>
    /// Answers the list from a module's page query, one keyset page at a time (issue 20, issue 17): <c>order=desc</c>
    /// reads the query reversed, <c>ids</c>, <c>begin_time</c>, <c>end_time</c> and <paramref name="keep"/> filter each page
    /// as it is read, and pages are read until <c>limit</c> items are kept or the list ends, so a page is never empty
    /// while <c>has_more</c> is true. The <c>cursor</c> in <c>next</c> is the module's cursor of the page being read and
    /// how many of that page's items were already answered (<c>skip:cursor</c>). HEAD counts the matching items page
    /// by page, holding one page at a time.
    /// </summary>
    public async Task<IResult> AnswerAsync<T>(
        HttpContext context,
        IMediator mediator,
        Func<PageRequest, IQuery<Page<T>>> query,
        Func<T, bool> keep,
        Func<T, DateTimeOffset> createdAt,
        Func<T, string> id,
        Func<IReadOnlyList<T>, Task<Result<IReadOnlyList<object>>>> render,
        CancellationToken ct)
    {
        bool Matches(T item) =>
            (Ids is null || Ids.Contains(id(item)))
            && (Begin is null || createdAt(item) >= Begin)
            && (End is null || createdAt(item) <= End)
            && keep(item);

        if (HttpMethods.IsHead(context.Request.Method))
        {
            long total = 0;
            string? next = null;
            do
            {
                var page = await mediator.Send(query(new PageRequest(PageRequest.MaxLimit, next)), ct);
                if (!page.IsSuccess)
                {
                    return RecurlyErrors.From(page.Error);
                }

                total += page.Value.Data.Count(Matches);
                next = page.Value.HasMore ? page.Value.NextCursor : null;
            }
            while (next is not null);
            context.Response.Headers["Recurly-Total-Records"] = total.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Ok();
        }

        if (Cursor is { CreatedAt.UtcTicks: >= PageRequest.MaxLimit })
        {
            return RecurlyErrors.Validation("cursor", "cursor is not one this server gave out; follow the list's next link as it is.");
        }

        var (skip, cursor) = Cursor is { } at ? ((int)at.CreatedAt.UtcTicks, at.Id == FromTheStart ? null : at.Id) : (0, null);

        var kept = new List<T>();
        (int Skip, string? Cursor)? resume = null;
        while (resume is null && kept.Count < Limit)
        {
            var page = await mediator.Send(query(new PageRequest(Math.Min(PageRequest.MaxLimit, skip + Limit - kept.Count), cursor, Reversed: !Ascending)), ct);
            if (!page.IsSuccess)
            {
                return RecurlyErrors.From(page.Error);
            }

            var items = page.Value.Data;
            for (int i = skip; i < items.Count && resume is null; i++)
            {
                if (Matches(items[i]))
                {
                    kept.Add(items[i]);
                }

                if (kept.Count == Limit && i + 1 < items.Count)
                {
                    resume = (i + 1, cursor);
                }
            }

            if (resume is null && (!page.Value.HasMore || kept.Count == Limit))
            {
                resume = page.Value.HasMore ? (0, page.Value.NextCursor) : (-1, null);
            }

            (skip, cursor) = (0, page.Value.NextCursor);
        }

        var rendered = await render(kept);
        if (!rendered.IsSuccess)
        {
            return RecurlyErrors.From(rendered.Error);
        }

        string? link = resume is { Skip: >= 0 } more ? NextLink(context.Request, $"{more.Skip.ToString(CultureInfo.InvariantCulture)}:{more.Cursor ?? FromTheStart}") : null;
        return RecurlyJson.Ok(new RecurlyPage(link is not null, link, rendered.Value));
    }

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

    /// <summary>The module cursor of a list's first page, in a <c>skip:cursor</c> cursor (no module cursor is <c>~</c>, outside base64url).</summary>
    private const string FromTheStart = "~";

    private bool IsAfter(DateTimeOffset created, string id, (DateTimeOffset CreatedAt, string Id) cursor)
    {
        int byTime = created.UtcTicks.CompareTo(cursor.CreatedAt.UtcTicks);
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
    public static async Task<IResult> PageAsync<T>(
        HttpContext context,
        IMediator mediator,
        string[] filters,
        Func<RecurlyListQuery, Func<PageRequest, IQuery<Page<T>>>> query,
        Func<RecurlyListQuery, T, bool> keep,
        Func<T, DateTimeOffset> createdAt,
        Func<T, string> id,
        Func<IReadOnlyList<T>, Task<Result<IReadOnlyList<object>>>> render,
        CancellationToken ct)
    {
        var (list, refusal) = RecurlyListQuery.Parse(context.Request, filters);
        return refusal ?? await list!.AnswerAsync(context, mediator, query(list), item => keep(list, item), createdAt, id, render, ct);
    }
}
