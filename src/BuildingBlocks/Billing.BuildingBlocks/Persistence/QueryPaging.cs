using System.Linq.Expressions;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// Reads one <see cref="Page{T}"/> of a query as an index seek (issue 16): <c>WHERE key &gt;= @k AND (key &gt; @k OR id
/// &gt; @id) ORDER BY key, id LIMIT n + 1</c>, never an offset, so the last page of a long list costs what the first
/// does when an index leads with the list's filter and then (key, id).
/// </summary>
public static class QueryPaging
{
    /// <summary>A page in creation order (<paramref name="createdAt"/>, then <paramref name="id"/>), oldest first.</summary>
    public static Task<Result<Page<TItem>>> ToPageAsync<TEntity, TItem>(
        this IQueryable<TEntity> query,
        PageRequest request,
        Expression<Func<TEntity, DateTimeOffset>> createdAt,
        Expression<Func<TEntity, string>> id,
        Func<TEntity, TItem> map,
        CancellationToken cancellationToken) =>
        query.ToPageAsync(request, createdAt, id, map, newestFirst: false, cancellationToken);

    /// <summary>
    /// A page in creation order (<paramref name="createdAt"/>, then <paramref name="id"/>), oldest first or, with
    /// <paramref name="newestFirst"/>, newest first (both keys descending, so the seek stays one range).
    /// </summary>
    public static async Task<Result<Page<TItem>>> ToPageAsync<TEntity, TItem>(
        this IQueryable<TEntity> query,
        PageRequest request,
        Expression<Func<TEntity, DateTimeOffset>> createdAt,
        Expression<Func<TEntity, string>> id,
        Func<TEntity, TItem> map,
        bool newestFirst,
        CancellationToken cancellationToken)
    {
        var read = request.Read();
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var (limit, after) = read.Value;
        if (after is { } cursor)
        {
            if (cursor.Position > DateTimeOffset.MaxValue.UtcTicks)
            {
                return PageCursor.Invalid;
            }

            query = query.Where(After(createdAt, new DateTimeOffset(cursor.Position, TimeSpan.Zero), id, cursor.Id, newestFirst));
        }

        var ordered = newestFirst ? query.OrderByDescending(createdAt).ThenByDescending(id) : query.OrderBy(createdAt).ThenBy(id);
        var rows = await ordered.Take(limit + 1).ToListAsync(cancellationToken);
        // Read once, of the page's last row: interpreted, so a request does not compile the key selectors to IL.
        var createdAtOf = createdAt.Compile(preferInterpretation: true);
        var idOf = id.Compile(preferInterpretation: true);
        return PageOf(rows, limit, last => new PageCursor(createdAtOf(last).UtcTicks, idOf(last)), map);
    }

    /// <summary>
    /// A page in the order of a unique <paramref name="sequence"/> (a creation counter), oldest first or, with
    /// <paramref name="newestFirst"/>, newest first. The sequence alone orders, so the cursor's id is a placeholder.
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

        var (limit, after) = read.Value;
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
    /// parameters; newest first, the same with every comparison reversed.
    /// </summary>
    private static Expression<Func<TEntity, bool>> After<TEntity>(
        Expression<Func<TEntity, DateTimeOffset>> key, DateTimeOffset at, Expression<Func<TEntity, string>> id, string afterId, bool newestFirst)
    {
        var entity = key.Parameters[0];
        var keyBody = key.Body;
        var idBody = new Rebind(id.Parameters[0], entity).Visit(id.Body);
        var atValue = Parameter(at);
        var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, idBody, Parameter(afterId));
        var body = newestFirst
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
