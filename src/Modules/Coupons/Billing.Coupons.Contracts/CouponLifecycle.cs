using Billing.SharedKernel;

namespace Billing.Coupons.Contracts;

/// <summary>
/// C11: edits what may change after creation. Absent fields stay as they are; fields that would change
/// what active redemptions get (discount, duration, eligibility, level, code, type, template) are refused.
/// </summary>
public sealed record UpdateCoupon(
    string Id,
    Patch<string> Name,
    Patch<string?> HostedPageDescription,
    Patch<string?> InvoiceDescription,
    Patch<Dictionary<string, string>?> Metadata,
    Patch<int?> MaxRedemptions,
    Patch<int?> MaxRedemptionsPerAccount,
    Patch<string?> RedeemBy,
    IReadOnlyList<string> ImmutableFieldsGiven) : ICommand<CouponDto>;

/// <summary>C12: expires a coupon now; active redemptions keep discounting.</summary>
public sealed record ExpireCoupon(string Id) : ICommand<CouponDto>;

/// <summary>C14: makes an expired coupon redeemable again, with a later redeem_by or a higher cap when that is why it expired.</summary>
public sealed record RestoreCoupon(string Id, string? RedeemBy, int? MaxRedemptions) : ICommand<CouponDto>;

/// <summary>C16: generates <paramref name="Count"/> new unique codes of a bulk coupon.</summary>
public sealed record GenerateUniqueCodes(string CouponId, int Count) : ICommand<GeneratedCodes>;

public sealed record GeneratedCodes(string CouponId, int Count, IReadOnlyList<string> Codes);

/// <summary>
/// The HTTP list of a bulk coupon's codes (issue 16), one page at a time oldest first (codes generated together in code
/// order), narrowed by <paramref name="State"/> and <paramref name="Redeemed"/> (true: the redeemed codes; false: every
/// other one; Recurly's <c>redeemed</c>), and the page's window (ids are codes, in any case): every code is reachable,
/// however many were generated.
/// </summary>
public sealed record PageUniqueCodes(string CouponId, PageRequest Page, string? State = null, bool? Redeemed = null) : IQuery<Page<UniqueCodeDto>>;

/// <summary>A unique code of a bulk coupon; each is redeemed at most once (C16).</summary>
public sealed record UniqueCodeDto(
    string Code,
    string CouponId,
    string State,
    string? RedemptionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RedeemedAt,
    DateTimeOffset? ExpiredAt);

public sealed record ExpireUniqueCode(string CouponId, string Code) : ICommand<UniqueCodeDto>;

public sealed record RestoreUniqueCode(string CouponId, string Code) : ICommand<UniqueCodeDto>;

/// <summary>R4: removes a redemption at once; it stops discounting.</summary>
public sealed record RemoveRedemption(string AccountCode, string RedemptionId) : ICommand<RedemptionDto>;

/// <summary>S9: a subscription ended; its subscription-level redemptions end with it (subscription_ended).</summary>
public sealed record EndSubscriptionRedemptions(string SubscriptionId) : ICommand<int>;

/// <summary>C17 site settings as the API shows them.</summary>
public sealed record CouponSettingsDto(
    bool MultipleCouponsPerAccount,
    bool OneTimeChargesDiscountable,
    string StackingOrder,
    string PercentMode,
    string TimeZone);

public sealed record GetCouponSettings : IQuery<CouponSettingsDto>;

/// <summary>C17: changes site settings; absent fields stay as they are.</summary>
public sealed record UpdateCouponSettings(
    bool? MultipleCouponsPerAccount,
    bool? OneTimeChargesDiscountable,
    string? StackingOrder,
    string? PercentMode,
    string? TimeZone) : ICommand<CouponSettingsDto>;

/// <summary>C16: the unique code <paramref name="Code"/> (case-insensitive, C1), whichever bulk coupon it belongs to.</summary>
public sealed record GetUniqueCode(string Code) : IQuery<UniqueCodeDto>;
