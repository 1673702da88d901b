using Billing.SharedKernel;

namespace Billing.Coupons.Contracts;

/// <summary>A coupon was redeemed (Tracking records its couponredeem conversion, T6).</summary>
public sealed record CouponRedeemed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string RedemptionId,
    string CouponId,
    string CouponCode,
    string AccountCode,
    string? SubscriptionId,
    string Currency) : IIntegrationEvent;

/// <summary>C1: a coupon was created (<c>CouponType</c> single_code or bulk).</summary>
public sealed record CouponCreated(Guid EventId, DateTimeOffset OccurredAt, string CouponId, string Code, string Name, string CouponType) : IIntegrationEvent;

/// <summary>
/// A coupon as its lifecycle events carry it: <c>State</c> redeemable or expired, <c>ExpireReason</c> manual, redeem_by
/// or max_redemptions while expired.
/// </summary>
public sealed record CouponSnapshot(
    string CouponId,
    string Code,
    string Name,
    string CouponType,
    string State,
    DateTimeOffset? RedeemBy,
    int? MaxRedemptions,
    int? MaxRedemptionsPerAccount,
    string? ExpireReason);

/// <summary>C12/C13: a coupon expired, early by request or when its redeem_by passed (active redemptions keep discounting).</summary>
public sealed record CouponExpired(Guid EventId, DateTimeOffset OccurredAt, CouponSnapshot Coupon) : IIntegrationEvent;

/// <summary>C14: an expired coupon became redeemable again.</summary>
public sealed record CouponRestored(Guid EventId, DateTimeOffset OccurredAt, CouponSnapshot Coupon) : IIntegrationEvent;

/// <summary>C11: a coupon's name, descriptions, metadata, caps or redeem_by were edited.</summary>
public sealed record CouponUpdated(Guid EventId, DateTimeOffset OccurredAt, CouponSnapshot Coupon) : IIntegrationEvent;
