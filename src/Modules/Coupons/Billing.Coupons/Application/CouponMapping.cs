using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Mapster;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application;

/// <summary>The Coupons DTOs, mapped by <see cref="CouponsMappingConfig"/>.</summary>
internal static class CouponMapping
{
    /// <summary>The coupon as read, with what a bulk coupon's template can still produce (C16).</summary>
    public static async Task<CouponDto> ToDtoAsync(this Coupon coupon, CouponsDbContext db, CancellationToken cancellationToken) =>
        coupon.ToDto(coupon.CouponType == CouponType.Bulk ? await db.UniqueCodes.CountAsync(u => u.CouponId == coupon.Id, cancellationToken) : 0);

    /// <param name="uniqueCodesIssued">How many unique codes a bulk coupon has issued (ignored for a single-code coupon).</param>
    /// <remarks>The codes left are computed from the template and the issued count, which the entity does not hold.</remarks>
    public static CouponDto ToDto(this Coupon coupon, int uniqueCodesIssued) =>
        coupon.Adapt<CouponDto>(CouponsMappingConfig.Config) with
        {
            UniqueCodesRemaining = coupon.CouponType == CouponType.Bulk ? CodeTemplate.Parse(coupon.UniqueCodeTemplate).Value.Remaining(uniqueCodesIssued) : null,
        };

    /// <summary>The coupon as its lifecycle events carry it (issue 16's webhooks).</summary>
    public static CouponSnapshot ToSnapshot(this Coupon coupon) => new(
        coupon.Id,
        coupon.Code,
        coupon.Name,
        Wire<CouponType>.Name(coupon.CouponType),
        Wire<CouponState>.Name(coupon.State),
        coupon.RedeemBy,
        coupon.MaxRedemptions,
        coupon.MaxRedemptionsPerAccount,
        coupon.ExpireReason is { } reason ? Wire<ExpireReason>.Name(reason) : null);

    public static RedemptionDto ToDto(this Redemption redemption) => redemption.Adapt<RedemptionDto>(CouponsMappingConfig.Config);
}
