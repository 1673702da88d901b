namespace Billing.Coupons.Contracts;

/// <param name="UniqueCodesRemaining">
/// A bulk coupon's: how many more codes its template can produce (its capacity less the codes issued; at most
/// <see cref="long.MaxValue"/>); a generation request of up to that many succeeds (C16). Null for a single-code coupon.
/// </param>
public sealed record CouponDto(
    string Id,
    string Code,
    string Name,
    DiscountSpec Discount,
    DurationSpec Duration,
    int? MaxRedemptions,
    int? MaxRedemptionsPerAccount,
    DateTimeOffset? RedeemBy,
    AppliesToSpec AppliesTo,
    string RedemptionResource,
    string CouponType,
    string? UniqueCodeTemplate,
    long? UniqueCodesRemaining,
    string? HostedPageDescription,
    string? InvoiceDescription,
    IReadOnlyDictionary<string, string> Metadata,
    string State,
    string? ExpireReason,
    int TimesRedeemed,
    bool Valid,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiredAt);

/// <summary>A redemption (R3) with what it has discounted so far, per currency.</summary>
public sealed record RedemptionDto(
    string Id,
    string CouponId,
    string Code,
    string AccountCode,
    string? SubscriptionId,
    string Currency,
    string State,
    string? InactiveReason,
    string? Cid,
    int PeriodsDiscounted,
    IReadOnlyList<CurrencyAmount> TotalDiscounted,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt);

/// <summary>Settings of the discount engine (C17) that apply to an invoice.</summary>
public sealed record StackingSettings(bool OneTimeChargesDiscountable, StackingOrder StackingOrder, PercentMode PercentMode);

/// <summary>
/// One active redemption that may discount an invoice, in the terms the coupon had when redeemed. Redemptions are
/// ordered by <paramref name="RedeemedAt"/>, then by <paramref name="Sequence"/> (the order they were made in), so
/// that the order is total (C17).
/// </summary>
public sealed record ApplicableDiscount(
    string RedemptionId,
    string CouponId,
    string CouponCode,
    RedemptionResource Level,
    DiscountType DiscountType,
    int? Percent,
    long? FixedAmountMinor,
    bool AppliesToOneTimeCharges,
    string? InvoiceDescription,
    DateTimeOffset RedeemedAt,
    long Sequence);

public sealed record ApplicableDiscounts(StackingSettings Settings, IReadOnlyList<ApplicableDiscount> Discounts);
