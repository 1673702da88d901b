using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;

namespace Billing.Tracking.Application;

internal static class TrackingMapping
{
    public static ConversionDto ToDto(this Conversion conversion) => new(
        conversion.Id,
        conversion.Cid,
        conversion.ConversionTypeCode,
        Wire<ConversionStatus>.Name(conversion.Status),
        conversion.CouponCode,
        conversion.ExternalId,
        conversion.AmountMinor is { } minor && conversion.Currency is { } currency
            ? new Money(minor, Currency.Of(currency)).ToMajor().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null,
        conversion.Currency,
        conversion.GeoLocation,
        conversion.AccountCode,
        conversion.SubscriptionId,
        conversion.CreatedAt);
}
