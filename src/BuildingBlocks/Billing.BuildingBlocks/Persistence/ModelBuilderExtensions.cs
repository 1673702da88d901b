using System.Text.Json;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Billing.BuildingBlocks.Persistence;

public static class ModelBuilderExtensions
{
    /// <summary>Stores an enum as its snake_case wire name, so the database reads like the API.</summary>
    public static PropertyBuilder<TEnum> HasWireConversion<TEnum>(this PropertyBuilder<TEnum> property)
        where TEnum : struct, Enum =>
        property.HasConversion(v => Wire<TEnum>.Name(v), s => Wire<TEnum>.Parse(s));

    /// <summary>Stores a nullable enum as its snake_case wire name.</summary>
    public static PropertyBuilder<TEnum?> HasWireConversion<TEnum>(this PropertyBuilder<TEnum?> property)
        where TEnum : struct, Enum =>
        property.HasConversion(
            v => v.HasValue ? Wire<TEnum>.Name(v.Value) : null,
            s => s == null ? null : Wire<TEnum>.Parse(s));

    /// <summary>Stores a list (of strings or records) as one JSON text column, compared element by element.</summary>
    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            s => JsonSerializer.Deserialize<List<T>>(s, JsonSerializerOptions.Default) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => a == b || (a != null && b != null && a.SequenceEqual(b)),
                v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
                v => v.ToList()));

    /// <summary>Stores a small dictionary as one JSON text column, compared entry by entry.</summary>
    public static PropertyBuilder<Dictionary<string, TValue>> HasJsonConversion<TValue>(this PropertyBuilder<Dictionary<string, TValue>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            s => JsonSerializer.Deserialize<Dictionary<string, TValue>>(s, JsonSerializerOptions.Default) ?? new Dictionary<string, TValue>(),
            new ValueComparer<Dictionary<string, TValue>>(
                (a, b) => a == b || (a != null && b != null && a.Count == b.Count && a.All(entry => b.ContainsKey(entry.Key) && Equals(entry.Value, b[entry.Key]))),
                v => v.Aggregate(0, (hash, entry) => hash ^ HashCode.Combine(entry.Key, entry.Value)),
                v => new Dictionary<string, TValue>(v)));
}
