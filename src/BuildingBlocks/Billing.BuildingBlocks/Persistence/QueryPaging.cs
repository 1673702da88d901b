using System.Linq.Expressions;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// Reads one <see cref="Page{T}"/> of a query as an index seek (issue 16): <c>WHERE key &gt;= @k AND (key &gt; @k OR id
/// &gt; @id) ORDER BY key, id LIMIT n + 1</c>, never an offset, so the last page of a long list costs what the first
/// does when an index leads with the list's filter and then (key, id). A <see cref="PageRequest.CountOnly"/> request
/// reads the count of the same filtered query instead, one <c>SELECT COUNT(*)</c> (issue 20).
/// </summary>
public static class QueryPaging
{
    /// <summary>
    /// The request's creation window (<see cref="PageRequest.Created"/>: from its start included, to its end included or
    /// not as the range says) as SQL filters on <paramref name="createdAt"/>.
    /// </summary>
    public static IQueryable<TEntity> Created<TEntity>(this IQueryable<TEntity> query, PageRequest request, Expression<Func<TEntity, DateTimeOffset>> createdAt)
    {
        if (request.Created is not { } range)
        {
            return query;
        }

        if (range.From is { } from)
        {
            query = query.Where(Expression.Lambda<Func<TEntity, bool>>(Expression.GreaterThanOrEqual(createdAt.Body, Parameter(from)), createdAt.Parameters));
        }

        if (range.To is { } to)
        {
            var end = range.ToIncluded ? Expression.LessThanOrEqual(createdAt.Body, Parameter(to)) : Expression.LessThan(createdAt.Body, Parameter(to));
            query = query.Where(Expression.Lambda<Func<TEntity, bool>>(end, createdAt.Parameters));
        }

        return query;
    }

    /// <summary>The request's <see cref="PageRequest.Keys"/>, each read by <paramref name="read"/> into none (a key it cannot read matches nothing) or more keys, as an SQL <c>IN</c> on <paramref name="key"/>.</summary>
    public static IQueryable<TEntity> Keyed<TEntity, TKey>(this IQueryable<TEntity> query, PageRequest request, Expression<Func<TEntity, TKey>> key, Func<string, IEnumerable<TKey>> read)
    {
        if (request.Keys is not { } keys)
        {
            return query;
        }

        List<TKey> wanted = [.. keys.SelectMany(read).Distinct()];
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], Parameter(wanted), key.Body);
        return query.Where(Expression.Lambda<Func<TEntity, bool>>(contains, key.Parameters));
    }

    /// <summary>The request's <see cref="PageRequest.Keys"/> as they are, as an SQL <c>IN</c> on <paramref name="key"/>.</summary>
    public static IQueryable<TEntity> Keyed<TEntity>(this IQueryable<TEntity> query, PageRequest request, Expression<Func<TEntity, string>> key) =>
        query.Keyed(request, key, k => [k]);

    /// <summary>A page in creation order (<paramref name="createdAt"/>, then <paramref name="id"/>), oldest first (newest first when the request is reversed).</summary>
    public static async Task<Result<Page<TItem>>> ToPageAsync<TEntity, TItem>(
        this IQueryable<TEntity> query,
        PageRequest request,
        Expression<Func<TEntity, DateTimeOffset>> createdAt,
        Expression<Func<TEntity, string>> id,
        Func<TEntity, TItem> map,
        CancellationToken cancellationToken)
    {
        var read = request.Read();
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        if (request.CountOnly)
        {
            return Page<TItem>.Counted(await query.LongCountAsync(cancellationToken));
        }

        var (limit, after) = read.Value;
        if (after is { } cursor)
        {
            if (cursor.Position > DateTimeOffset.MaxValue.UtcTicks)
            {
                return PageCursor.Invalid;
            }

            query = query.Where(Beyond(createdAt, new DateTimeOffset(cursor.Position, TimeSpan.Zero), id, cursor.Id, request.Reversed));
        }

        var ordered = request.Reversed ? query.OrderByDescending(createdAt).ThenByDescending(id) : query.OrderBy(createdAt).ThenBy(id);
        var rows = await ordered.Take(limit + 1).ToListAsync(cancellationToken);
        // Read once, of the page's last row: interpreted, so a request does not compile the key selectors to IL.
        var createdAtOf = createdAt.Compile(preferInterpretation: true);
        var idOf = id.Compile(preferInterpretation: true);
        return PageOf(rows, limit, last => new PageCursor(createdAtOf(last).UtcTicks, idOf(last)), map);
    }

    /// <summary>
    /// A page in the order of a unique <paramref name="sequence"/> (a creation counter), oldest first or, with
    /// <paramref name="newestFirst"/>, newest first; a reversed request reads the other way. The sequence alone orders,
    /// so the cursor's id is a placeholder.
    /// </summary>
    public static async Task<Result<Page<TItem>>> ToPageAsync<TEntity, TItem>(
        this IQueryable<TEntity> query,
        PageRequest request,
        Expression<Func<TEntity, long>> sequence,
        Func<TEntity, TItem> map,
        bool newestFirst,
        CancellationToken cancellationToken)
    {
        var read = request.Read();
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        if (request.CountOnly)
        {
            return Page<TItem>.Counted(await query.LongCountAsync(cancellationToken));
        }

        var (limit, after) = read.Value;
        newestFirst ^= request.Reversed;
        if (after is { } cursor)
        {
            var beyond = newestFirst ? Expression.LessThan(sequence.Body, Parameter(cursor.Position)) : Expression.GreaterThan(sequence.Body, Parameter(cursor.Position));
            query = query.Where(Expression.Lambda<Func<TEntity, bool>>(beyond, sequence.Parameters));
        }

        var ordered = newestFirst ? query.OrderByDescending(sequence) : query.OrderBy(sequence);
        var rows = await ordered.Take(limit + 1).ToListAsync(cancellationToken);
        // Read once, of the page's last row: interpreted, so a request does not compile the key selector to IL.
        var sequenceOf = sequence.Compile(preferInterpretation: true);
        return PageOf(rows, limit, last => new PageCursor(sequenceOf(last), "-"), map);
    }

    private static Page<TItem> PageOf<TEntity, TItem>(List<TEntity> rows, int limit, Func<TEntity, PageCursor> cursorOf, Func<TEntity, TItem> map)
    {
        bool hasMore = rows.Count > limit;
        var page = hasMore ? rows[..limit] : rows;
        return new Page<TItem>([.. page.Select(map)], hasMore, hasMore ? cursorOf(page[^1]).Encode() : null);
    }

    /// <summary>
    /// <c>e =&gt; key(e) &gt;= at &amp;&amp; (key(e) &gt; at || string.Compare(id(e), afterId) &gt; 0)</c>, with both values as
    /// parameters; reversed, every comparison turns round (<c>&lt;=</c>, <c>&lt;</c>, <c>&lt; 0</c>).
    /// </summary>
    private static Expression<Func<TEntity, bool>> Beyond<TEntity>(
        Expression<Func<TEntity, DateTimeOffset>> key, DateTimeOffset at, Expression<Func<TEntity, string>> id, string afterId, bool reversed)
    {
        var entity = key.Parameters[0];
        var keyBody = key.Body;
        var idBody = new Rebind(id.Parameters[0], entity).Visit(id.Body);
        var atValue = Parameter(at);
        var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, idBody, Parameter(afterId));
        var body = reversed
            ? Expression.AndAlso(
                Expression.LessThanOrEqual(keyBody, atValue),
                Expression.OrElse(Expression.LessThan(keyBody, atValue), Expression.LessThan(compare, Expression.Constant(0))))
            : Expression.AndAlso(
                Expression.GreaterThanOrEqual(keyBody, atValue),
                Expression.OrElse(Expression.GreaterThan(keyBody, atValue), Expression.GreaterThan(compare, Expression.Constant(0))));
        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }

    /// <summary>A captured value, which EF Core sends as a query parameter rather than a literal.</summary>
    private static Expression Parameter<T>(T value)
    {
        Expression<Func<T>> captured = () => value;
        return captured.Body;
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
