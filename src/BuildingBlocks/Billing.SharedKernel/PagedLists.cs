using System.Runtime.CompilerServices;
using MediatR;

namespace Billing.SharedKernel;

/// <summary>Reads a whole paged list through its page query, one keyset page at a time, so memory holds one page (D3, issue 17).</summary>
public static class PagedLists
{
    /// <summary>
    /// Every item of the list, page after page of <paramref name="pageSize"/> in the query's keyset order, each exactly
    /// once, up to the list's end (never a cap). A page that fails throws: the caller checked the query's arguments
    /// before the first page, so a failure later is not an answer to give as a shorter list.
    /// </summary>
    public static async IAsyncEnumerable<T> AllAsync<T>(
        this IMediator mediator,
        Func<PageRequest, IQuery<Page<T>>> query,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await mediator.Send(query(new PageRequest(pageSize, cursor)), cancellationToken);
            if (!page.IsSuccess)
            {
                throw new InvalidOperationException($"A page of a list failed part way: {page.Error.Code}: {page.Error.Message}");
            }

            foreach (var item in page.Value.Data)
            {
                yield return item;
            }

            cursor = page.Value.HasMore ? page.Value.NextCursor : null;
        }
        while (cursor is not null);
    }
}
