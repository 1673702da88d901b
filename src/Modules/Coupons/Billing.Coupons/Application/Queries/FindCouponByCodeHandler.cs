using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Coupons.Application.Queries;

internal sealed class FindCouponByCodeHandler(CouponsDbContext db) : IRequestHandler<FindCouponByCode, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(FindCouponByCode request, CancellationToken cancellationToken) =>
        (await CouponCodes.ResolveAsync(db, request.Code, cancellationToken)).Map(found => found.Coupon.ToDto());
}
