namespace Billing.Coupons.Domain;

internal enum UniqueCodeState
{
    Redeemable,
    Redeemed,
    Expired,
}

/// <summary>One generated code of a bulk coupon (C16). Its normalized code is never issued again.</summary>
internal sealed class UniqueCode
{
    public string NormalizedCode { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public string CouponId { get; set; } = string.Empty;

    public UniqueCodeState State { get; set; }

    public string? RedemptionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RedeemedAt { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }
}

/// <summary>How many times an account has redeemed a coupon; the per-account cap is a guarded upsert on it (C6, R2).</summary>
internal sealed class AccountRedemptionCount
{
    public string CouponId { get; set; } = string.Empty;

    public string AccountCode { get; set; } = string.Empty;

    public int Redemptions { get; set; }
}
