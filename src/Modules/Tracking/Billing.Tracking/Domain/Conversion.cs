using System.Globalization;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;

namespace Billing.Tracking.Domain;

/// <summary>T1: conversions name their type by code; <c>sale</c> exists by default, <c>couponredeem</c> is created first.</summary>
internal sealed class ConversionType
{
    /// <summary>1–50 lower-case letters, digits or underscores, such as <c>couponredeem</c>.</summary>
    public const string CodePattern = @"^[a-z0-9_]{1,50}\z";

    public string Code { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A conversion of the affiliate ledger (seed 000): a couponredeem conversion that opened a cid (T2), or a sale
/// (or another merchant-defined conversion) on that cid (T3).
/// </summary>
internal sealed class Conversion
{
    private ConversionStatus status;
    private DecimalAmount? amount;
    private string? currency;
    private Dictionary<string, string> customParams = [];

    /// <summary>A coupon code as C1 writes it: 1–50 letters, digits, <c>-</c>, <c>_</c> or <c>+</c>.</summary>
    public const string CouponCodePattern = @"^[A-Za-z0-9_+-]{1,50}\z";

    /// <summary>1–255 characters without <c>/</c> (it names the conversion in a URL path) or control characters.</summary>
    public const string ExternalIdPattern = @"^[^/\p{Cc}]{1,255}\z";

    /// <summary>A cid as this ledger issues it, or as long as one may reasonably be.</summary>
    public const string CidPattern = @"^[A-Za-z0-9_-]{1,100}\z";

    public string Id { get; init; } = string.Empty;

    public string Cid { get; init; } = string.Empty;

    public string ConversionTypeCode { get; init; } = string.Empty;

    public ConversionStatus Status { get => status; init => status = value; }

    public string? CouponCode { get; private set; }

    /// <summary>The merchant's id of the transaction; unique per conversion type (T3, T4).</summary>
    public string? ExternalId { get; private set; }

    public DecimalAmount? Amount { get => amount; init => amount = value; }

    /// <summary>ISO 4217 currency of <see cref="Amount"/> when known (always for sales of invoices).</summary>
    public string? Currency { get => currency; init => currency = value; }

    /// <summary>Seed 000's placeholder when the country is not known (T2).</summary>
    public const string UnknownGeoLocation = "US";

    /// <summary>ISO 3166-1 alpha-2 country; <see cref="UnknownGeoLocation"/> when not known (T2).</summary>
    public string GeoLocation { get; init; } = UnknownGeoLocation;

    public string? RevenueOriginId { get; private set; }

    public string? CustomerId { get; private set; }

    /// <summary>Seed 000's customParams, only the keys of <see cref="CustomParamNames"/>.</summary>
    public Dictionary<string, string> CustomParams { get => customParams; init => customParams = value; }

    public string? AccountCode { get; private set; }

    public string? SubscriptionId { get; private set; }

    public string? RedemptionId { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

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
    public static Conversion On(Conversion opener, string conversionTypeCode, ConversionStatus status, string? geoLocation, DateTimeOffset at) =>
        On(opener.Opening, conversionTypeCode, status, geoLocation, at);

    /// <summary>T3: a conversion on the cid that <paramref name="opener"/> describes, as <see cref="On(Conversion, string, ConversionStatus, string?, DateTimeOffset)"/>.</summary>
    public static Conversion On(CidOpening opener, string conversionTypeCode, ConversionStatus status, string? geoLocation, DateTimeOffset at) => new()
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

    /// <summary>What a conversion on this opener's cid inherits from it (T3).</summary>
    public CidOpening Opening => new(Cid, CouponCode, GeoLocation, AccountCode, SubscriptionId);

    /// <summary>
    /// P7: the sale of a paid invoice on the cid <paramref name="opener"/> opened: its externalId is the invoice number,
    /// its amount the invoice's total, and it is <c>refunded</c> when the invoice was refunded in full.
    /// </summary>
    public static Conversion SaleOf(PaidInvoice invoice, Conversion opener)
    {
        var sale = On(opener, ConversionTypeCodes.Sale, invoice.Refunded ? ConversionStatus.Refunded : ConversionStatuses.Default, geoLocation: null, invoice.PaidAt);
        sale.ExternalId = invoice.Number.ToString(CultureInfo.InvariantCulture);
        sale.amount = DecimalAmount.FromMinor(invoice.TotalMinor, SharedKernel.Currency.Of(invoice.Currency));
        sale.currency = invoice.Currency;
        sale.SubscriptionId = invoice.SubscriptionId;
        return sale;
    }

    /// <summary>T2: the couponredeem conversion of a redemption: its externalId is the redemption's id.</summary>
    public void OpenedBy(string redemptionId, string accountCode, string? subscriptionId)
    {
        ExternalId = redemptionId;
        RedemptionId = redemptionId;
        AccountCode = accountCode;
        SubscriptionId = subscriptionId;
    }

    /// <summary>T3: the optional fields a merchant posted with a conversion.</summary>
    public void Describe(string? externalId, DecimalAmount? postedAmount, string? postedCurrency, string? revenueOriginId, string? customerId, Dictionary<string, string> customParams)
    {
        ExternalId = externalId;
        amount = postedAmount;
        currency = postedCurrency;
        RevenueOriginId = revenueOriginId;
        CustomerId = customerId;
        this.customParams = customParams;
    }

    /// <summary>T3: a posted conversion is credited to the coupon it names, otherwise to the opener's.</summary>
    public void CreditCoupon(string? couponCode) => CouponCode = couponCode;

    /// <summary>T5: any status may follow any other (e.g. refunded, P7).</summary>
    public void ChangeStatus(ConversionStatus newStatus) => status = newStatus;
}

/// <summary>The keys seed 000 allows in customParams, and how long each value may be.</summary>
/// <summary>The fields of a cid's opening conversion that every conversion on the cid inherits (T3).</summary>
internal sealed record CidOpening(string Cid, string? CouponCode, string GeoLocation, string? AccountCode, string? SubscriptionId);

internal static class CustomParamNames
{
    public const int MaxLength = 255;

    public static readonly IReadOnlyList<string> All = ["advS1", "advS2", "advS3", "advS4", "advS5"];
}
