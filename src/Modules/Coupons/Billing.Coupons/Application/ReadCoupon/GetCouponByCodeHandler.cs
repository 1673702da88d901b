using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.ReadCoupon;

internal sealed class GetCouponByCodeHandler(CouponsDbContext db) : IRequestHandler<GetCouponByCode, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(GetCouponByCode request, CancellationToken cancellationToken)
    {
        string normalized = Coupon.Normalize(request.Code);
        var coupon = await db.CouponByCodeAsync(normalized, cancellationToken);
        if (coupon is null && await db.UniqueCodes.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedCode == normalized, cancellationToken) is { } uniqueCode)
        {
            coupon = await db.Coupons.AsNoTracking().SingleAsync(c => c.Id == uniqueCode.CouponId, cancellationToken);
        }

        return coupon is null
            ? CouponErrors.NotFoundByCode(request.Code)
            : await coupon.ToDtoAsync(db, cancellationToken);
    }
}
