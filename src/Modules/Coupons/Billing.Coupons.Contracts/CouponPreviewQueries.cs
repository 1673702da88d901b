using Billing.SharedKernel;

namespace Billing.Coupons.Contracts;

/// <summary>
/// I7: what a coupon code would give the first invoice of a would-be purchase of <paramref name="PlanCode"/> in
/// <paramref name="Currency"/> if it were redeemed now. Refused with the same codes as <see cref="RedeemCoupon"/>
/// (R1: <c>coupon_not_found</c>, <c>coupon_expired</c>, <c>redeem_by_passed</c>, <c>max_redemptions_reached</c>,
/// <c>currency_not_supported</c>, <c>unique_code_required</c> — a unique code used or expired answers as an unknown
/// code; with an account, <c>account_not_found</c> and
/// <c>max_redemptions_per_account_reached</c>) plus <c>plan_not_eligible</c> for any coupon level (C7), since a
/// purchase names its plan. Changes nothing: no redemption, no counter. For a would-be purchase of a one-time package,
/// <paramref name="PackageCode"/> names it instead of <paramref name="PlanCode"/>, and a coupon that cannot discount a
/// one-time charge is refused with <c>package_not_eligible</c> (C7, C8, S7): it must be account-level, discount an
/// amount, say it applies to one-time charges, and the site must allow it.
/// </summary>
public sealed record PreviewCoupon(string Code, string Currency, string? PlanCode, string? AccountCode, string? PackageCode = null) : IQuery<CouponPreview>;

/// <summary>
/// A coupon as a would-be redemption: its terms in the requested currency, and the site settings that decide how
/// it stacks (C17) and whether it would replace the account's active account-level redemption.
/// </summary>
public sealed record CouponPreview(
    bool MultipleCouponsPerAccount,
    StackingSettings Settings,
    string CouponId,
    string CouponCode,
    RedemptionResource Level,
    DiscountType DiscountType,
    int? Percent,
    long? FixedAmountMinor,
    bool AppliesToOneTimeCharges,
    string? InvoiceDescription);
