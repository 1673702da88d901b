using Billing.SharedKernel;

namespace Billing.Tracking.Contracts;

/// <summary>The conversion types Billing itself records (T1): <c>sale</c> exists by default, <c>couponredeem</c> is created first.</summary>
public static class ConversionTypeCodes
{
    public const string Sale = "sale";
    public const string CouponRedeem = "couponredeem";
}

/// <summary>T1: a conversion type that conversions name by code (<c>sale</c> exists by default).</summary>
public sealed record CreateConversionType(string Code, string Name) : ICommand<ConversionTypeDto>;

/// <summary>T1: a revenue origin that conversions name by id; it exists before a conversion uses it.</summary>
public sealed record CreateRevenueOrigin(string Id, string Name) : ICommand<RevenueOriginDto>;

/// <summary>Seed 000's <c>amount</c>: the value as a decimal string (<c>"100.5"</c>), and optionally its ISO 4217 currency.</summary>
public sealed record ConversionAmount(string? Value, string? Currency);

/// <summary>Seed 000's <c>customParams</c>: five free strings for the merchant's own information.</summary>
public sealed record CustomParams(string? AdvS1, string? AdvS2, string? AdvS3, string? AdvS4, string? AdvS5);

/// <summary>A conversion as an affiliate integration posts it (seed 000, camelCase on the wire).</summary>
public sealed record ConversionInput(
    string? CouponCode,
    string? Cid,
    string? Status,
    string? ConversionTypeCode,
    string? GeoLocation,
    string? RevenueOriginId,
    ConversionAmount? Amount,
    string? ExternalId,
    string? CustomerId,
    CustomParams? CustomParams);

/// <summary>The commands that record a conversion posted in seed 000's shape.</summary>
public interface IRecordConversion
{
    ConversionInput Conversion { get; }
}

/// <summary>T2: records a couponredeem conversion, which opens a new cid for the sales that follow.</summary>
public sealed record RecordCouponRedeem(ConversionInput Conversion) : ICommand<ConversionOutcome>, IRecordConversion;

/// <summary>
/// T3: records a sale (or a conversion of another merchant-defined type) on the cid a couponredeem conversion
/// opened; a repeated (type, externalId) records nothing and is answered as a duplicate (T4).
/// </summary>
public sealed record RecordSale(ConversionInput Conversion) : ICommand<ConversionOutcome>, IRecordConversion;

/// <summary>T5: changes the status of the conversion with this externalId (of type <c>sale</c> unless named).</summary>
public sealed record ChangeConversionStatus(string ExternalId, string? ConversionTypeCode, string? Status) : ICommand<SeedConversionDto>;

/// <summary>
/// The HTTP conversion ledger (issue 16), one page at a time oldest first, narrowed by cid, type, status (T5, either
/// spelling) and the page's creation window (<see cref="PageRequest.Created"/>).
/// </summary>
public sealed record PageConversions(PageRequest Page, string? Cid = null, string? Type = null, string? Status = null)
    : IQuery<Page<ConversionDto>>;

/// <summary>T4: the conversion error log, newest first (then by id, descending), one page at a time (issue 16).</summary>
public sealed record ListConversionErrors(PageRequest Page) : IQuery<Page<ConversionErrorDto>>;

/// <summary>T7: conversions per day, type, status and coupon code between two UTC dates (inclusive, <c>yyyy-MM-dd</c>).</summary>
public sealed record GetConversionReport(string? From, string? To) : IQuery<ConversionReportDto>;
