using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Expiry;

/// <summary>C13: coupons whose redeem_by has passed expire (set-based, one statement).</summary>
internal sealed class ExpireDueCouponsHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<ExpireDueCoupons, Result<int>>
{
    public async Task<Result<int>> Handle(ExpireDueCoupons request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Coupons
            .Where(c => c.State == CouponState.Redeemable)
            .Where(Coupon.IsPastRedeemBy(now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(c => c.State, CouponState.Expired)
                    .SetProperty(c => c.ExpireReason, ExpireReason.RedeemBy)
                    .SetProperty(c => c.ExpiredAt, now),
                cancellationToken);
    }
}
