using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.ReadCoupon;

internal sealed class GetCouponHandler(CouponsDbContext db) : IRequestHandler<GetCoupon, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(GetCoupon request, CancellationToken cancellationToken) =>
        await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) is { } coupon
            ? await coupon.ToDtoAsync(db, cancellationToken)
            : CouponErrors.NotFound(request.Id);
}
