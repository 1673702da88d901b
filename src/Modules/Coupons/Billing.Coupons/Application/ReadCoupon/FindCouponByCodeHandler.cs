using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Coupons.Application.ReadCoupon;

internal sealed class FindCouponByCodeHandler(CouponsDbContext db) : IRequestHandler<FindCouponByCode, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(FindCouponByCode request, CancellationToken cancellationToken)
    {
        var found = await CouponCodes.ResolveAsync(db, request.Code, cancellationToken);
        return found.IsSuccess ? await found.Value.Coupon.ToDtoAsync(db, cancellationToken) : found.Error;
    }
}
