using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application;

/// <summary>How a code a customer typed is resolved — for redemption, preview and signup alike.</summary>
internal static class CouponCodes
{
    /// <summary>
    /// The coupon a code names: a coupon's own code (the redeemable one first, C15), or a redeemable unique code of
    /// a bulk coupon (C16). A bulk coupon's own code is refused; an unknown code and a unique code already used or
    /// expired get one and the same answer, so codes cannot be enumerated (R1, issue 8).
    /// </summary>
    public static async Task<Result<(Coupon Coupon, UniqueCode? UniqueCode)>> ResolveAsync(CouponsDbContext db, string code, CancellationToken cancellationToken)
    {
        string normalized = Coupon.Normalize(code);
        var coupon = await db.CouponByCodeAsync(normalized, cancellationToken);
        if (coupon is not null)
        {
            return coupon.CouponType == CouponType.Bulk
                ? CouponErrors.UniqueCodeRequired(coupon.Code)
                : (coupon, null);
        }

        var uniqueCode = await db.UniqueCodes.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedCode == normalized, cancellationToken);
        if (uniqueCode is { State: UniqueCodeState.Redeemable })
        {
            return (await db.Coupons.AsNoTracking().SingleAsync(c => c.Id == uniqueCode.CouponId, cancellationToken), uniqueCode);
        }

        return Unknown(code);
    }

    public static Error Unknown(string code) => CouponErrors.NoRedeemableCode(code);
}
