using Billing.SharedKernel;

namespace Billing.Tracking.Contracts;

/// <summary>
/// T6: a coupon redemption's couponredeem conversion opened <paramref name="Cid"/>; Coupons stores the cid
/// with the redemption.
/// </summary>
public sealed record CouponRedeemConversionRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string RedemptionId,
    string Cid,
    string ConversionId) : IIntegrationEvent;
