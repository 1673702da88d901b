using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Billing.SharedKernel;

/// <summary>
/// One page of a list (issue 16), the same shape for every list of the API: its items, whether more follow, and the
/// opaque cursor that reads the next page (<c>null</c> on the last page).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Data, bool HasMore, string? NextCursor)
{
    /// <summary>How many items the whole list holds under its filters, answered instead of items to a <see cref="PageRequest.CountOnly"/> request.</summary>
    [JsonIgnore]
    public long? Total { get; init; }

    /// <summary>A list with nothing in it (a page shown before, or instead of, a read).</summary>
    public static Page<T> Empty { get; } = new([], false, null);

    public static Page<T> Counted(long total) => Empty with { Total = total };

    public Page<TOther> Map<TOther>(Func<T, TOther> map) => new([.. Data.Select(map)], HasMore, NextCursor) { Total = Total };
}

/// <summary>
/// Which page of a list to read: <c>limit</c> items (1 to <see cref="MaxLimit"/>, <see cref="DefaultLimit"/> when not
/// given) after the <c>cursor</c> a previous page answered as its <c>next_cursor</c> (the first page without one); with
/// <paramref name="Reversed"/>, the list is read from its other end (newest first where it is oldest first), as
/// Recurly's <c>order=desc</c> asks; a cursor reads on in the direction of the request that passes it back.
/// <para>
/// The window narrows the list in SQL, on every page and in the count alike (issue 20; the Recurly surface's
/// <c>begin_time</c>, <c>end_time</c> and <c>ids</c>; /api's <c>created_from</c> and <c>created_to</c>): created within
/// <see cref="Created"/> (its end included or not as the range says), and with <see cref="Keys"/> only the items whose
/// key (the list's own id: a coupon's id, an account's code, an invoice's number…) is one of them. <see cref="CountOnly"/> asks for the
/// list's <see cref="Page{T}.Total"/> under every filter, one <c>SELECT COUNT(*)</c>, instead of a page.
/// </para>
/// </summary>
public sealed record PageRequest(int? Limit, string? Cursor, bool Reversed = false)
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 200;

    public static PageRequest First { get; } = new(null, null);

    public CreatedRange? Created { get; init; }

    /// <summary>At most <see cref="MaxLimit"/> keys; an empty list matches nothing.</summary>
    public IReadOnlyList<string>? Keys { get; init; }

    public bool CountOnly { get; init; }

    /// <summary>The limit to read, or the error naming <c>limit</c> or <c>cursor</c> when either is malformed.</summary>
    public Result<(int Limit, PageCursor? After)> Read()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            return Error.Validation("limit", $"limit is from 1 to {MaxLimit}.");
        }

        if (Keys is { Count: > MaxLimit })
        {
            return Error.Validation("ids", $"ids takes at most {MaxLimit} ids.");
        }

        if (Cursor is null)
        {
            return (Limit ?? DefaultLimit, null);
        }

        return PageCursor.TryDecode(Cursor, out var after)
            ? (Limit ?? DefaultLimit, after)
            : PageCursor.Invalid;
    }
}

/// <summary>
/// Where a page ends: the position of its last item in the list's order (creation instant in UTC ticks, or a sequence
/// number) and that item's id, which breaks ties. On the wire it is opaque (base64url); a client passes it back as it is.
/// </summary>
public readonly record struct PageCursor(long Position, string Id)
{
    /// <summary>A cursor this server did not give out: 400 with its own stable code.</summary>
    public static Error Invalid { get; } = new Error("invalid_cursor", "The cursor is not one this server gave out; pass a page's next_cursor as it is.", ErrorKind.Validation)
    {
        Fields = new Dictionary<string, string[]> { ["cursor"] = ["cursor is not one this server gave out; pass a page's next_cursor as it is."] },
    };

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Position}:{Id}")));

    public static bool TryDecode(string text, out PageCursor cursor)
    {
        cursor = default;
        if (text.Length is 0 or > 512 || !Base64Url.IsValid(text))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        int colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == decoded.Length - 1
            || !long.TryParse(decoded.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out long position))
        {
            return false;
        }

        cursor = new PageCursor(position, decoded[(colon + 1)..]);
        return true;
    }
}
