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
