using Billing.SharedKernel;

namespace Billing.Coupons.Domain;

/// <summary>A coupon campaign (C1–C16).</summary>
internal sealed class Coupon
{
    public string Id { get; set; } = string.Empty;

    /// <summary>The code as the merchant wrote it.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>Upper-case code: codes are case-insensitive (C1).</summary>
    public string NormalizedCode { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public DiscountType DiscountType { get; set; }

    public int? Percent { get; set; }

    /// <summary>Fixed discount per currency code, in minor units (C4).</summary>
    public Dictionary<string, long> FixedAmounts { get; set; } = [];

    public TimeUnit? TrialUnit { get; set; }

    public int? TrialLength { get; set; }

    public DurationType DurationType { get; set; }

    public int? DurationAmount { get; set; }

    public TimeUnit? DurationUnit { get; set; }

    public int? DurationPeriods { get; set; }

    public int? MaxRedemptions { get; set; }

    public int? MaxRedemptionsPerAccount { get; set; }

    public DateTimeOffset? RedeemBy { get; set; }

    public bool AllPlans { get; set; } = true;

    public List<string> PlanCodes { get; set; } = [];

    public bool NonPlanCharges { get; set; }

    public RedemptionResource RedemptionResource { get; set; }

    public CouponType CouponType { get; set; }

    public string? UniqueCodeTemplate { get; set; }

    public string? HostedPageDescription { get; set; }

    public string? InvoiceDescription { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public CouponState State { get; set; }

    public ExpireReason? ExpireReason { get; set; }

    public int TimesRedeemed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }

    public bool IsEligibleFor(string? planCode) => AllPlans || (planCode is not null && PlanCodes.Contains(planCode, StringComparer.Ordinal));

    /// <summary>When a redemption made at <paramref name="redeemedAt"/> stops discounting (temporal durations only, C5).</summary>
    public DateTimeOffset? DurationEndsAt(DateTimeOffset redeemedAt) =>
        DurationType == DurationType.Temporal && DurationUnit is { } unit && DurationAmount is { } amount
            ? redeemedAt.Add(unit, amount)
            : null;

    /// <summary>How many billing periods a redemption discounts; null when not counted in periods (C5).</summary>
    public int? PeriodLimit => DurationType switch
    {
        DurationType.SingleUse => 1,
        DurationType.BillingPeriods => DurationPeriods,
        _ => null,
    };

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>R1 refusals that depend on the coupon alone, checked in the order a customer would ask about them.</summary>
    public Error? RefusalFor(string currency, DateTimeOffset now)
    {
        if (State == CouponState.Expired)
        {
            return ExpireReason == Domain.ExpireReason.MaxRedemptions
                ? Error.Rule("max_redemptions_reached", $"Coupon '{Code}' has reached its maximum number of redemptions.")
                : Error.Rule("coupon_expired", $"Coupon '{Code}' has expired.");
        }

        if (RedeemBy is { } redeemBy && redeemBy <= now)
        {
            return Error.Rule("redeem_by_passed", $"Coupon '{Code}' could only be redeemed until {redeemBy:u}.");
        }

        if (MaxRedemptions is { } max && TimesRedeemed >= max)
        {
            return Error.Rule("max_redemptions_reached", $"Coupon '{Code}' has reached its maximum number of redemptions.");
        }

        if (DiscountType == DiscountType.Fixed && !FixedAmounts.ContainsKey(currency))
        {
            return Error.Rule("currency_not_supported", $"Coupon '{Code}' has no discount amount in {currency}.");
        }

        return null;
    }

    /// <summary>C12: expires the coupon now; new redemptions are refused, active ones keep discounting.</summary>
    public Error? ExpireManually(DateTimeOffset now)
    {
        if (State == CouponState.Expired)
        {
            return Error.Conflict("coupon_already_expired", $"Coupon '{Code}' is already expired.");
        }

        State = CouponState.Expired;
        ExpireReason = Domain.ExpireReason.Manual;
        ExpiredAt = now;
        return null;
    }

    /// <summary>
    /// C14: an expired coupon becomes redeemable again. When it expired by redeem_by the restore must move
    /// redeem_by into the future; when it expired by max_redemptions it must raise the cap above times_redeemed.
    /// </summary>
    public Error? Restore(DateTimeOffset? newRedeemBy, int? newMaxRedemptions, DateTimeOffset now)
    {
        if (State == CouponState.Redeemable)
        {
            return Error.Conflict("coupon_not_expired", $"Coupon '{Code}' is not expired; only an expired coupon can be restored.");
        }

        var redeemBy = newRedeemBy ?? RedeemBy;
        var maxRedemptions = newMaxRedemptions ?? MaxRedemptions;
        if (newRedeemBy is { } given && given <= now)
        {
            return Error.Rule("redeem_by_in_past", "The new redeem_by must be in the future (C14).");
        }

        if (redeemBy is { } limit && limit <= now)
        {
            return Error.Rule("restore_needs_new_redeem_by", $"Coupon '{Code}' expired by its redeem_by date; restore it with a redeem_by in the future (C14).");
        }

        if (maxRedemptions is { } cap && cap <= TimesRedeemed)
        {
            return Error.Rule("restore_needs_higher_max_redemptions", $"Coupon '{Code}' has been redeemed {TimesRedeemed} time(s); restore it with a max_redemptions above that (C14).");
        }

        RedeemBy = redeemBy;
        MaxRedemptions = maxRedemptions;
        State = CouponState.Redeemable;
        ExpireReason = null;
        ExpiredAt = null;
        return null;
    }

    /// <summary>C11: a new cap may not be below what has been redeemed; reaching it exactly expires the coupon (C13).</summary>
    public Error? ChangeMaxRedemptions(int? maxRedemptions, DateTimeOffset now)
    {
        if (maxRedemptions is { } cap && cap < TimesRedeemed)
        {
            return Error.Rule("max_redemptions_below_times_redeemed", $"max_redemptions cannot be below the {TimesRedeemed} redemption(s) already made (C11).");
        }

        MaxRedemptions = maxRedemptions;
        if (maxRedemptions is { } reached && reached == TimesRedeemed)
        {
            State = CouponState.Expired;
            ExpireReason = Domain.ExpireReason.MaxRedemptions;
            ExpiredAt = now;
        }

        return null;
    }
}
