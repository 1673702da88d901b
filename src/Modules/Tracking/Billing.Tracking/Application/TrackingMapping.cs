using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Mapster;

namespace Billing.Tracking.Application;

/// <summary>The Tracking DTOs, mapped by <see cref="TrackingMappingConfig"/>, and the conversions between stored and seed-000 custom params.</summary>
internal static class TrackingMapping
{
    public static ConversionDto ToDto(this Conversion conversion) => conversion.Adapt<ConversionDto>(TrackingMappingConfig.Config);

    /// <summary>Seed 000's answer: the status as <c>CONVERSION_STATUS_…</c>, the amount as <c>{"value": "100.5"}</c>.</summary>
    public static SeedConversionDto ToSeedDto(this Conversion conversion) => conversion.Adapt<SeedConversionDto>(TrackingMappingConfig.Config);

    // Hand-written: the ledger's answer is either the recorded conversion or the refusal, a choice rather than a copy.
    public static ConversionOutcome ToOutcome(this LedgerEntry entry) =>
        entry.Refusal is { } refusal
            ? new ConversionOutcome(null, new DuplicateConversion(refusal.Code, refusal.Message, refusal.ExistingConversionId, refusal.Id))
            : new ConversionOutcome(entry.Recorded!.ToSeedDto(), null);

    public static ConversionErrorDto ToDto(this ConversionError error) => error.Adapt<ConversionErrorDto>(TrackingMappingConfig.Config);

    public static ConversionTypeDto ToDto(this ConversionType type) => type.Adapt<ConversionTypeDto>(TrackingMappingConfig.Config);

    public static RevenueOriginDto ToDto(this RevenueOrigin origin) => origin.Adapt<RevenueOriginDto>(TrackingMappingConfig.Config);

    /// <summary>customParams as stored: only the advS keys that have a value.</summary>
    public static Dictionary<string, string> ToDictionary(this CustomParams? customParams)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        string?[] values = customParams is null ? [] : [customParams.AdvS1, customParams.AdvS2, customParams.AdvS3, customParams.AdvS4, customParams.AdvS5];
        for (int index = 0; index < values.Length; index++)
        {
            if (values[index] is { } value)
            {
                stored[CustomParamNames.All[index]] = value;
            }
        }

        return stored;
    }

    /// <summary>Stored custom params as seed 000's record, or none when none is stored; hand-written: the keys become positions.</summary>
    public static CustomParams? ToCustomParams(Dictionary<string, string> stored) =>
        stored.Count == 0
            ? null
            : new CustomParams(
                stored.GetValueOrDefault(CustomParamNames.All[0]),
                stored.GetValueOrDefault(CustomParamNames.All[1]),
                stored.GetValueOrDefault(CustomParamNames.All[2]),
                stored.GetValueOrDefault(CustomParamNames.All[3]),
                stored.GetValueOrDefault(CustomParamNames.All[4]));
}
