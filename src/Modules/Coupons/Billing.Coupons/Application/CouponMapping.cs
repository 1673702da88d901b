using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Mapster;

namespace Billing.Coupons.Application;

/// <summary>The Coupons DTOs, mapped by <see cref="CouponsMappingConfig"/>.</summary>
internal static class CouponMapping
{
    public static CouponDto ToDto(this Coupon coupon) => coupon.Adapt<CouponDto>(CouponsMappingConfig.Config);

    public static RedemptionDto ToDto(this Redemption redemption) => redemption.Adapt<RedemptionDto>(CouponsMappingConfig.Config);
}
