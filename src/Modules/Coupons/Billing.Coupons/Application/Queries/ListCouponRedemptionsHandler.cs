using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Queries;

internal sealed class ListCouponRedemptionsHandler(CouponsDbContext db) : IRequestHandler<ListCouponRedemptions, Result<IReadOnlyList<RedemptionDto>>>
{
    public async Task<Result<IReadOnlyList<RedemptionDto>>> Handle(ListCouponRedemptions request, CancellationToken cancellationToken)
    {
        if (!await db.Coupons.AnyAsync(c => c.Id == request.CouponId, cancellationToken))
        {
            return Error.NotFound("coupon_not_found", $"No coupon has the id '{request.CouponId}'.");
        }

        var redemptions = await db.Redemptions.AsNoTracking()
            .Where(r => r.CouponId == request.CouponId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Sequence)
            .ToListAsync(cancellationToken);
        return redemptions.Select(r => r.ToDto()).ToList();
    }
}
