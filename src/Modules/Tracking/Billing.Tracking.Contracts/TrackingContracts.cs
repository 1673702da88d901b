using Billing.SharedKernel;

namespace Billing.Tracking.Contracts;

/// <summary>T1: a conversion type that conversions name by code (<c>sale</c> exists by default).</summary>
public sealed record CreateConversionType(string Code, string Name) : ICommand<ConversionTypeDto>;

public sealed record ConversionTypeDto(string Code, string Name, DateTimeOffset CreatedAt);

public sealed record ListConversions(string? Cid, string? Type, string? Status) : IQuery<IReadOnlyList<ConversionDto>>;

/// <summary>A recorded conversion, in the camelCase shape of seed 000 at the HTTP edge.</summary>
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
    string? AccountCode,
    string? SubscriptionId,
    DateTimeOffset CreatedAt);
