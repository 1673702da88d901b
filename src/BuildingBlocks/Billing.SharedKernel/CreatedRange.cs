namespace Billing.SharedKernel;

/// <summary>
/// A list's creation window (issue 20), one type for both of the API's forms, with the meaning of its end explicit:
/// created at or after <see cref="From"/> (always included) and before <see cref="To"/>, or at or before it when
/// <see cref="ToIncluded"/>. /api's <c>created_from</c>/<c>created_to</c> are <see cref="HalfOpen"/>
/// (<c>[from, to)</c>); Recurly's <c>begin_time</c>/<c>end_time</c> are <see cref="Closed"/> (<c>[begin, end]</c>,
/// RECURLY.md §3.3). Either end may be absent.
/// </summary>
public sealed record CreatedRange(DateTimeOffset? From, DateTimeOffset? To, bool ToIncluded)
{
    /// <summary><c>[from, to)</c>, /api's form; <c>null</c> (no window) when neither end is given.</summary>
    public static CreatedRange? HalfOpen(DateTimeOffset? from, DateTimeOffset? to) => from is null && to is null ? null : new(from, to, false);

    /// <summary><c>[from, through]</c>, Recurly's form; <c>null</c> (no window) when neither end is given.</summary>
    public static CreatedRange? Closed(DateTimeOffset? from, DateTimeOffset? through) => from is null && through is null ? null : new(from, through, true);

    public bool Contains(DateTimeOffset instant) =>
        (From is not { } from || instant >= from) && (To is not { } to || (ToIncluded ? instant <= to : instant < to));
}
