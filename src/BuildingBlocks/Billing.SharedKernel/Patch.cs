using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.SharedKernel;

/// <summary>
/// A field of a partial update (PATCH): absent from the JSON (leave it as it is), or given — possibly as
/// <c>null</c>, which clears it.
/// </summary>
[JsonConverter(typeof(PatchJsonConverterFactory))]
public readonly struct Patch<T>
{
    public Patch(T? value)
    {
        IsSpecified = true;
        Value = value;
    }

    public bool IsSpecified { get; }

    public T? Value { get; }

    /// <summary>The given value, or <paramref name="current"/> when the field was absent.</summary>
    public T? Or(T? current) => IsSpecified ? Value : current;
}

/// <summary>Reads a present JSON value (null included) as a specified <see cref="Patch{T}"/>.</summary>
public sealed class PatchJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Patch<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(PatchJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class PatchJsonConverter<T> : JsonConverter<Patch<T>>
    {
        public override bool HandleNull => true;

        public override Patch<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.TokenType == JsonTokenType.Null ? default : JsonSerializer.Deserialize<T>(ref reader, options));

        public override void Write(Utf8JsonWriter writer, Patch<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}
