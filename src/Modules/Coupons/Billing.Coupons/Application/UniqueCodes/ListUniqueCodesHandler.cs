using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.UniqueCodes;

/// <summary>C16: a bulk coupon's codes, optionally by state, oldest first.</summary>
internal sealed class ListUniqueCodesHandler(CouponsDbContext db) : IRequestHandler<ListUniqueCodes, Result<IReadOnlyList<UniqueCodeDto>>>
{
    private const int DefaultLimit = 1_000;
    private const int MaxLimit = 10_000;

    public async Task<Result<IReadOnlyList<UniqueCodeDto>>> Handle(ListUniqueCodes request, CancellationToken cancellationToken)
    {
        if (!await db.Coupons.AnyAsync(c => c.Id == request.CouponId, cancellationToken))
        {
            return Error.NotFound("coupon_not_found", $"No coupon has the id '{request.CouponId}'.");
        }

        if (request.Limit is < 1 or > MaxLimit)
        {
            return Error.Validation("limit", $"limit must be from 1 to {MaxLimit}.");
        }

        var query = db.UniqueCodes.AsNoTracking().Where(u => u.CouponId == request.CouponId);
        if (request.State is not null)
        {
            if (!Wire<UniqueCodeState>.TryParse(request.State, out var state))
            {
                return Error.Validation("state", $"state must be one of {string.Join(", ", Wire<UniqueCodeState>.All)}.");
            }

            query = query.Where(u => u.State == state);
        }

        var codes = await query.OrderBy(u => u.CreatedAt).ThenBy(u => u.NormalizedCode).Take(request.Limit ?? DefaultLimit).ToListAsync(cancellationToken);
        return codes.Select(c => c.ToDto()).ToList();
    }
}
