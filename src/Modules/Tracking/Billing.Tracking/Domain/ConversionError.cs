using Billing.SharedKernel;

namespace Billing.Tracking.Domain;

/// <summary>
/// T4: an entry of the conversion error log — a conversion that was refused because a conversion of the same type
/// with the same externalId is already recorded. The refusal is kept, so the merchant can see what was sent twice.
/// </summary>
internal sealed class ConversionError
{
    public string Id { get; init; } = string.Empty;

    public string Code { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public string ConversionTypeCode { get; init; } = string.Empty;

    public string ExternalId { get; init; } = string.Empty;

    public string ExistingConversionId { get; init; } = string.Empty;

    /// <summary>The cid the refused conversion named.</summary>
    public string? Cid { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>T4: <paramref name="refused"/> repeats the (type, externalId) of <paramref name="existing"/>.</summary>
    public static ConversionError DuplicateOf(Conversion existing, Conversion refused, DateTimeOffset now) =>
        DuplicateOf(existing.Id, existing.CreatedAt, refused, now);

    /// <summary>T4: <paramref name="refused"/> repeats the (type, externalId) of the conversion recorded as <paramref name="existingId"/> at <paramref name="existingCreatedAt"/>.</summary>
    public static ConversionError DuplicateOf(string existingId, DateTimeOffset existingCreatedAt, Conversion refused, DateTimeOffset now)
    {
        var error = TrackingErrors.DuplicateExternalId(refused.ConversionTypeCode, refused.ExternalId!, existingId, existingCreatedAt);
        return new()
        {
            Id = Ids.New("cerr"),
            Code = error.Code,
            Message = error.Message,
            ConversionTypeCode = refused.ConversionTypeCode,
            ExternalId = refused.ExternalId!,
            ExistingConversionId = existingId,
            Cid = refused.Cid,
            CreatedAt = now,
        };
    }
}
