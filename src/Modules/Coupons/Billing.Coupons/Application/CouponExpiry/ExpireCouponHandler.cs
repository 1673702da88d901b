using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.CouponExpiry;

/// <summary>C12: expires a coupon now; active redemptions keep discounting.</summary>
internal sealed class ExpireCouponHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<ExpireCoupon, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(ExpireCoupon request, CancellationToken cancellationToken)
    {
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        if (coupon is null)
        {
            return CouponErrors.NotFound(request.Id);
        }

        var now = clock.GetUtcNow();
        if (coupon.ExpireManually(now) is { } refused)
        {
            return refused;
        }

        db.Publish(new CouponExpired(Guid.NewGuid(), now, coupon.ToSnapshot()));

        await db.SaveChangesAsync(cancellationToken);
        return await coupon.ToDtoAsync(db, cancellationToken);
    }
}
