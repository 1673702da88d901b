using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;

namespace Billing.Tracking.Application;

/// <summary>Explicit mapping from the domain to the Contracts DTOs (no reflection mapper).</summary>
internal static class TrackingMapping
{
    public static ConversionDto ToDto(this Conversion conversion) => new(
        conversion.Id,
        conversion.Cid,
        conversion.ConversionTypeCode,
        ConversionStatuses.ShortName(conversion.Status),
        conversion.CouponCode,
        conversion.ExternalId,
        conversion.Amount?.ToString(),
        conversion.Currency,
        conversion.GeoLocation,
        conversion.RevenueOriginId,
        conversion.CustomerId,
        conversion.CustomParams.ToCustomParams(),
        conversion.AccountCode,
        conversion.SubscriptionId,
        conversion.CreatedAt);

    /// <summary>Seed 000's answer: the status as <c>CONVERSION_STATUS_…</c>, the amount as <c>{"value": "100.5"}</c>.</summary>
    public static SeedConversionDto ToSeedDto(this Conversion conversion) => new(
        conversion.Id,
        conversion.Cid,
        conversion.ConversionTypeCode,
        ConversionStatuses.SeedName(conversion.Status),
        conversion.CouponCode,
        conversion.ExternalId,
        conversion.Amount is { } amount ? new ConversionAmount(amount.ToString(), conversion.Currency) : null,
        conversion.GeoLocation,
        conversion.RevenueOriginId,
        conversion.CustomerId,
        conversion.CustomParams.ToCustomParams(),
        conversion.CreatedAt);

    public static ConversionOutcome ToOutcome(this LedgerEntry entry) =>
        entry.Refusal is { } refusal
            ? new ConversionOutcome(null, new DuplicateConversion(refusal.Code, refusal.Message, refusal.ExistingConversionId, refusal.Id))
            : new ConversionOutcome(entry.Recorded!.ToSeedDto(), null);

    public static ConversionErrorDto ToDto(this ConversionError error) => new(
        error.Id,
        error.Code,
        error.Message,
        error.ConversionTypeCode,
        error.ExternalId,
        error.ExistingConversionId,
        error.Cid,
        error.CreatedAt);

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

    private static CustomParams? ToCustomParams(this Dictionary<string, string> stored) =>
        stored.Count == 0
            ? null
            : new CustomParams(
                stored.GetValueOrDefault(CustomParamNames.All[0]),
                stored.GetValueOrDefault(CustomParamNames.All[1]),
                stored.GetValueOrDefault(CustomParamNames.All[2]),
                stored.GetValueOrDefault(CustomParamNames.All[3]),
                stored.GetValueOrDefault(CustomParamNames.All[4]));
}
