using Billing.SharedKernel;

namespace Billing.Host.Http;

/// <summary>
/// A closed set's value as a body or query carries it (its snake_case name, <see cref="Wire{TEnum}"/>), turned into the
/// Contracts' enum at the boundary (issue 22 item 4). Any name outside the set is refused with 400
/// <c>validation_failed</c> naming the field and the rule, as the module refused the string before.
/// </summary>
internal static class WireValues
{
    /// <summary>A value with a default: absent is <paramref name="absent"/>.</summary>
    public static Result<TEnum> Parse<TEnum>(string? name, TEnum absent, string field, string rule)
        where TEnum : struct, Enum
    {
        if (name is null)
        {
            return absent;
        }

        return Wire<TEnum>.TryParse(name, out var value) ? value : Refusal<TEnum>(field, rule);
    }

    /// <summary>An optional filter: absent is null.</summary>
    public static Result<TEnum?> ParseOptional<TEnum>(string? name, string field, string rule)
        where TEnum : struct, Enum
    {
        if (name is null)
        {
            return (TEnum?)null;
        }

        return Wire<TEnum>.TryParse(name, out var value) ? value : Refusal<TEnum>(field, rule);
    }

    /// <summary><c>timeframe must be now or renewal (S8).</c>; <c>state must be one of pending, paid, … (P1).</c> for more than two names.</summary>
    private static Error Refusal<TEnum>(string field, string rule)
        where TEnum : struct, Enum
    {
        string[] names = [.. Enum.GetValues<TEnum>().Select(Wire<TEnum>.Name)];
        string listed = names.Length == 2 ? $"{names[0]} or {names[1]}" : $"one of {string.Join(", ", names)}";
        return Error.Validation(field, $"{field} must be {listed} ({rule}).");
    }
}
