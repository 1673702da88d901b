using Billing.SharedKernel;
using Billing.Tracking.Contracts;

namespace Billing.Tracking.Domain;

/// <summary>T1: conversions name their type by code; <c>sale</c> exists by default, <c>couponredeem</c> is created first.</summary>
internal sealed class ConversionType
{
    /// <summary>1–50 lower-case letters, digits or underscores, such as <c>couponredeem</c>.</summary>
    public const string CodePattern = @"^[a-z0-9_]{1,50}\z";

    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A conversion of the affiliate ledger (seed 000): a couponredeem conversion that opened a cid (T2), or a sale
/// (or another merchant-defined conversion) on that cid (T3).
/// </summary>
internal sealed class Conversion
{
    /// <summary>A coupon code as C1 writes it: 1–50 letters, digits, <c>-</c>, <c>_</c> or <c>+</c>.</summary>
    public const string CouponCodePattern = @"^[A-Za-z0-9_+-]{1,50}\z";

    /// <summary>1–255 characters without <c>/</c> (it names the conversion in a URL path) or control characters.</summary>
    public const string ExternalIdPattern = @"^[^/\p{Cc}]{1,255}\z";

    /// <summary>A cid as this ledger issues it, or as long as one may reasonably be.</summary>
    public const string CidPattern = @"^[A-Za-z0-9_-]{1,100}\z";

    public string Id { get; set; } = string.Empty;

    public string Cid { get; set; } = string.Empty;

    public string ConversionTypeCode { get; set; } = string.Empty;

    public ConversionStatus Status { get; set; }

    public string? CouponCode { get; set; }

    /// <summary>The merchant's id of the transaction; unique per conversion type (T3, T4).</summary>
    public string? ExternalId { get; set; }

    public DecimalAmount? Amount { get; set; }

    /// <summary>ISO 4217 currency of <see cref="Amount"/> when known (always for sales of invoices).</summary>
    public string? Currency { get; set; }

    /// <summary>Seed 000's placeholder when the country is not known (T2).</summary>
    public const string UnknownGeoLocation = "US";

    /// <summary>ISO 3166-1 alpha-2 country; <see cref="UnknownGeoLocation"/> when not known (T2).</summary>
    public string GeoLocation { get; set; } = UnknownGeoLocation;

    public string? RevenueOriginId { get; set; }

    public string? CustomerId { get; set; }

    /// <summary>Seed 000's customParams, only the keys of <see cref="CustomParamNames"/>.</summary>
    public Dictionary<string, string> CustomParams { get; set; } = [];

    public string? AccountCode { get; set; }

    public string? SubscriptionId { get; set; }

    public string? RedemptionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>T2: a couponredeem conversion, which opens a new cid.</summary>
    public static Conversion OpenCid(string couponCode, ConversionStatus status, string geoLocation, DateTimeOffset at) => new()
    {
        Id = Ids.New("conv"),
        Cid = Ids.New("cid", 20),
        ConversionTypeCode = ConversionTypeCodes.CouponRedeem,
        Status = status,
        CouponCode = couponCode,
        GeoLocation = geoLocation,
        CreatedAt = at,
    };

    /// <summary>
    /// T3: a conversion on the cid <paramref name="opener"/> opened. It is credited to the opener's coupon and
    /// customer, and located where the opener was unless a location is given.
    /// </summary>
    public static Conversion On(Conversion opener, string conversionTypeCode, ConversionStatus status, string? geoLocation, DateTimeOffset at) => new()
    {
        Id = Ids.New("conv"),
        Cid = opener.Cid,
        ConversionTypeCode = conversionTypeCode,
        Status = status,
        CouponCode = opener.CouponCode,
        GeoLocation = geoLocation ?? opener.GeoLocation,
        AccountCode = opener.AccountCode,
        SubscriptionId = opener.SubscriptionId,
        CreatedAt = at,
    };
}

/// <summary>The keys seed 000 allows in customParams, and how long each value may be.</summary>
internal static class CustomParamNames
{
    public const int MaxLength = 255;

    public static readonly IReadOnlyList<string> All = ["advS1", "advS2", "advS3", "advS4", "advS5"];
}
