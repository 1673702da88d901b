using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Expiry;

/// <summary>
/// C13: coupons whose redeem_by has passed expire (set-based, one statement), each publishing
/// <see cref="CouponExpired"/> in the same transaction (issue 16).
/// </summary>
internal sealed class ExpireDueCouponsHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<ExpireDueCoupons, Result<int>>
{
    public async Task<Result<int>> Handle(ExpireDueCoupons request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Coupons.AsNoTracking()
            .Where(c => c.State == CouponState.Redeemable)
            .Where(Coupon.IsPastRedeemBy(now))
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var ids = due.Select(c => c.Id).ToList();
        int expired = await db.Coupons
            .Where(c => EF.Parameter(ids).Contains(c.Id) && c.State == CouponState.Redeemable)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(c => c.State, CouponState.Expired)
                    .SetProperty(c => c.ExpireReason, ExpireReason.RedeemBy)
                    .SetProperty(c => c.ExpiredAt, now),
                cancellationToken);
        foreach (var coupon in due)
        {
            db.Publish(new CouponExpired(Guid.NewGuid(), now, coupon.ToSnapshot() with { State = Wire<CouponState>.Name(CouponState.Expired), ExpireReason = Wire<ExpireReason>.Name(ExpireReason.RedeemBy) }));
        }

        await db.SaveChangesAsync(cancellationToken);
        return expired;
    }
}
