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

    /// <summary>Stores a small value (a dictionary, a list of records) as one JSON text column.</summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class, new() =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            s => JsonSerializer.Deserialize<T>(s, JsonSerializerOptions.Default) ?? new T(),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonSerializerOptions.Default), JsonSerializerOptions.Default)!));
}
