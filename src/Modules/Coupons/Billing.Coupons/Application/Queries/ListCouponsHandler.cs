using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Queries;

internal sealed class ListCouponsHandler(CouponsDbContext db) : IRequestHandler<ListCoupons, Result<IReadOnlyList<CouponDto>>>
{
    public async Task<Result<IReadOnlyList<CouponDto>>> Handle(ListCoupons request, CancellationToken cancellationToken)
    {
        var query = db.Coupons.AsNoTracking();
        if (request.State is not null)
        {
            if (!Wire<CouponState>.TryParse(request.State, out var state))
            {
                return Error.Validation("state", "state must be redeemable or expired.");
            }

            query = query.Where(c => c.State == state);
        }

        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            string upper = request.Q.Trim().ToUpperInvariant();
            string lower = request.Q.Trim().ToLowerInvariant();
            query = query.Where(c => c.NormalizedCode.Contains(upper) || c.Name.ToLower().Contains(lower));
        }

        var coupons = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var bulk = coupons.Where(c => c.CouponType == CouponType.Bulk).Select(c => c.Id).ToList();
        var issued = await db.UniqueCodes.Where(u => bulk.Contains(u.CouponId)).GroupBy(u => u.CouponId)
            .Select(g => new { CouponId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CouponId, g => g.Count, cancellationToken);
        return coupons.Select(c => c.ToDto(issued.GetValueOrDefault(c.Id))).ToList();
    }
}
