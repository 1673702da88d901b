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
