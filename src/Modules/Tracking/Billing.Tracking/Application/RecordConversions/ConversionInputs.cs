using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.RecordConversions;

/// <summary>What recording a posted conversion does the same way for a couponredeem and a sale.</summary>
internal static class ConversionInputs
{
    /// <summary>T1: the conversion type and the revenue origin a conversion names exist before it is recorded.</summary>
    public static async Task<Error?> UnknownReferenceAsync(this TrackingDbContext db, string conversionTypeCode, string? revenueOriginId, CancellationToken cancellationToken)
    {
        if (!await db.ConversionTypeExistsAsync(conversionTypeCode, cancellationToken))
        {
            return TrackingErrors.UnknownConversionType(conversionTypeCode);
        }

        if (revenueOriginId is not null && !await db.RevenueOriginExistsAsync(revenueOriginId, cancellationToken))
        {
            return TrackingErrors.UnknownRevenueOrigin(revenueOriginId);
        }

        return null;
    }

    /// <summary>Copies the optional fields of a posted conversion, as its validator accepted them.</summary>
    public static Conversion WithOptionalFields(this Conversion conversion, ConversionInput input)
    {
        conversion.Describe(
            input.ExternalId,
            input.Amount?.Value is { } value ? DecimalAmount.Parse(value) : null,
            input.Amount?.Currency,
            input.RevenueOriginId,
            input.CustomerId,
            input.CustomParams.ToDictionary());
        return conversion;
    }

    /// <summary>A geoLocation the validator accepted, in upper case; null when absent.</summary>
    public static string? GeoLocation(this ConversionInput input) =>
        Countries.TryNormalize(input.GeoLocation, out var alpha2) ? alpha2 : null;
}
