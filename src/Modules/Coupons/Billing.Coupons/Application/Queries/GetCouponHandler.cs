using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Queries;

internal sealed class GetCouponHandler(CouponsDbContext db) : IRequestHandler<GetCoupon, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(GetCoupon request, CancellationToken cancellationToken) =>
        await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) is { } coupon
            ? await coupon.ToDtoAsync(db, cancellationToken)
            : Error.NotFound("coupon_not_found", $"No coupon has the id '{request.Id}'.");
}
