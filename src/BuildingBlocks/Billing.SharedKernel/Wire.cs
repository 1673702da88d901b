using System.Collections.Frozen;
using System.Text.Json;

namespace Billing.SharedKernel;

/// <summary>The snake_case names enums have on the wire and in the database (<c>single_use</c>, <c>max_redemptions</c>).</summary>
public static class Wire<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string Name(TEnum value) => Names[value];

    public static bool TryParse(string? name, out TEnum value) => Values.TryGetValue(name ?? string.Empty, out value);

    public static TEnum Parse(string name) =>
        TryParse(name, out var value) ? value : throw new ArgumentException($"'{name}' is not one of {string.Join(", ", All)}.", nameof(name));
}
