using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application;

/// <summary>Explicit mapping from the domain to the Contracts DTOs (no reflection mapper).</summary>
internal static class CouponMapping
{
    /// <summary>The coupon as read, with what a bulk coupon's template can still produce (C16).</summary>
    public static async Task<CouponDto> ToDtoAsync(this Coupon coupon, CouponsDbContext db, CancellationToken cancellationToken) =>
        coupon.ToDto(coupon.CouponType == CouponType.Bulk ? await db.UniqueCodes.CountAsync(u => u.CouponId == coupon.Id, cancellationToken) : 0);

    /// <param name="uniqueCodesIssued">How many unique codes a bulk coupon has issued (ignored for a single-code coupon).</param>
    public static CouponDto ToDto(this Coupon coupon, int uniqueCodesIssued) => new(
        coupon.Id,
        coupon.Code,
        coupon.Name,
        new DiscountSpec(
            Wire<DiscountType>.Name(coupon.DiscountType),
            coupon.Percent,
            coupon.DiscountType == DiscountType.Fixed
                ? coupon.FixedAmounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => Major(a.Key, a.Value)).ToList()
                : null,
            coupon.TrialUnit is { } unit && coupon.TrialLength is { } length ? new TrialSpec(Wire<TimeUnit>.Name(unit), length) : null),
        new DurationSpec(
            Wire<DurationType>.Name(coupon.DurationType),
            coupon.DurationAmount,
            coupon.DurationUnit is { } durationUnit ? Wire<TimeUnit>.Name(durationUnit) : null,
            coupon.DurationPeriods),
        coupon.MaxRedemptions,
        coupon.MaxRedemptionsPerAccount,
        coupon.RedeemBy,
        new AppliesToSpec(coupon.AllPlans, coupon.AllPlans ? null : coupon.PlanCodes, coupon.NonPlanCharges),
        Wire<RedemptionResource>.Name(coupon.RedemptionResource),
        Wire<CouponType>.Name(coupon.CouponType),
        coupon.UniqueCodeTemplate,
        coupon.CouponType == CouponType.Bulk ? CodeTemplate.Parse(coupon.UniqueCodeTemplate).Value.Remaining(uniqueCodesIssued) : null,
        coupon.HostedPageDescription,
        coupon.InvoiceDescription,
        coupon.Metadata,
        Wire<CouponState>.Name(coupon.State),
        coupon.ExpireReason is { } reason ? Wire<ExpireReason>.Name(reason) : null,
        coupon.TimesRedeemed,
        coupon.State == CouponState.Redeemable,
        coupon.CreatedAt,
        coupon.ExpiredAt);

    public static RedemptionDto ToDto(this Redemption redemption) => new(
        redemption.Id,
        redemption.CouponId,
        redemption.Code,
        redemption.AccountCode,
        redemption.SubscriptionId,
        redemption.Currency,
        Wire<RedemptionState>.Name(redemption.State),
        redemption.InactiveReason is { } reason ? Wire<InactiveReason>.Name(reason) : null,
        redemption.Cid,
        redemption.PeriodsDiscounted,
        [Major(redemption.Currency, redemption.DiscountedMinor)],
        redemption.CreatedAt,
        redemption.EndedAt);

    private static CurrencyAmount Major(string currency, long minor) =>
        new(currency, new Money(minor, Currency.Of(currency)).ToMajor());
}
