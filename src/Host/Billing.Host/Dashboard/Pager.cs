using Billing.SharedKernel;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Billing.Host.Dashboard;

/// <summary>
/// The paging links under a table read one keyset page at a time: back to the first page once past it, and on to the
/// page after (the page's <c>next_cursor</c> in the address's <paramref name="Parameter"/>); every other parameter of the
/// address is kept, so each table on a page pages on its own.
/// </summary>
internal sealed record Pager(string Label, string Parameter, string? First, string? Next)
{
    public static Pager Of<T>(HttpRequest request, string label, string parameter, Page<T> page) =>
        new(label, parameter, request.Query.ContainsKey(parameter) ? Link(request, parameter, null) : null, page.HasMore ? Link(request, parameter, page.NextCursor) : null);

    private static string Link(HttpRequest request, string parameter, string? cursor)
    {
        var kept = request.Query.Where(p => p.Key != parameter).Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value));
        if (cursor is not null)
        {
            kept = kept.Append(new KeyValuePair<string, StringValues>(parameter, cursor));
        }

        return QueryHelpers.AddQueryString(request.Path.Value ?? "/", kept);
    }
}
