using Billing.SharedKernel;

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
    public string NormalizedCode { get; init; } = string.Empty;

    public string Code { get; init; } = string.Empty;

    public string CouponId { get; init; } = string.Empty;

    public UniqueCodeState State { get; private set; }

    public string? RedemptionId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RedeemedAt { get; init; }

    public DateTimeOffset? ExpiredAt { get; private set; }

    /// <summary>C16: only a redeemable code can be expired; it can no longer be redeemed.</summary>
    public Error? Expire(DateTimeOffset now)
    {
        if (State != UniqueCodeState.Redeemable)
        {
            return CouponErrors.UniqueCodeNotRedeemable(Code, Wire<UniqueCodeState>.Name(State));
        }

        State = UniqueCodeState.Expired;
        ExpiredAt = now;
        return null;
    }

    /// <summary>C16: only an expired code can be restored; a redeemed code stays redeemed.</summary>
    public Error? Restore()
    {
        if (State != UniqueCodeState.Expired)
        {
            return CouponErrors.UniqueCodeNotExpired(Code, Wire<UniqueCodeState>.Name(State));
        }

        State = UniqueCodeState.Redeemable;
        ExpiredAt = null;
        return null;
    }
}

/// <summary>How many times an account has redeemed a coupon; the per-account cap is a guarded upsert on it (C6, R2).</summary>
internal sealed class AccountRedemptionCount
{
    public string CouponId { get; init; } = string.Empty;

    public string AccountCode { get; init; } = string.Empty;

    public int Redemptions { get; init; }
}
