namespace Billing.Tracking.Contracts;

public sealed record ConversionTypeDto(string Code, string Name, DateTimeOffset CreatedAt);

public sealed record RevenueOriginDto(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>A recorded conversion as the snake_case API reads it (status in T5's short form, amount as a decimal string).</summary>
public sealed record ConversionDto(
    string Id,
    string Cid,
    string ConversionTypeCode,
    string Status,
    string? CouponCode,
    string? ExternalId,
    string? Amount,
    string? Currency,
    string GeoLocation,
    string? RevenueOriginId,
    string? CustomerId,
    CustomParams? CustomParams,
    string? AccountCode,
    string? SubscriptionId,
    DateTimeOffset CreatedAt);

/// <summary>A recorded conversion in seed 000's shape: camelCase, status as <c>CONVERSION_STATUS_APPROVED</c>.</summary>
public sealed record SeedConversionDto(
    string Id,
    string Cid,
    string ConversionTypeCode,
    string Status,
    string? CouponCode,
    string? ExternalId,
    ConversionAmount? Amount,
    string GeoLocation,
    string? RevenueOriginId,
    string? CustomerId,
    CustomParams? CustomParams,
    DateTimeOffset CreatedAt);

/// <summary>
/// T4: a conversion refused because its (type, externalId) was recorded before. The refusal is kept in the
/// error log (<see cref="ErrorId"/>), so it is an outcome of the command rather than a rolled-back failure.
/// </summary>
public sealed record DuplicateConversion(string Code, string Message, string ExistingConversionId, string ErrorId);

/// <summary>What recording a conversion did: recorded it, or refused it as a duplicate (T4).</summary>
public sealed record ConversionOutcome(SeedConversionDto? Recorded, DuplicateConversion? Duplicate);

/// <summary>An entry of the conversion error log (T4).</summary>
public sealed record ConversionErrorDto(
    string Id,
    string Code,
    string Message,
    string ConversionTypeCode,
    string ExternalId,
    string ExistingConversionId,
    string? Cid,
    DateTimeOffset CreatedAt);

/// <summary>T7: conversions of one day, type, status, coupon code and currency; <see cref="Amount"/> is null when none has an amount.</summary>
public sealed record ConversionReportRow(
    DateOnly Day,
    string ConversionTypeCode,
    string Status,
    string? CouponCode,
    string? Currency,
    long Count,
    string? Amount);

/// <summary>T7: the totals of one conversion type in one currency over the report's period.</summary>
public sealed record ConversionReportTotal(string ConversionTypeCode, string? Currency, long Count, string? Amount);

public sealed record ConversionReportDto(DateOnly From, DateOnly To, IReadOnlyList<ConversionReportRow> Rows, IReadOnlyList<ConversionReportTotal> Totals);
