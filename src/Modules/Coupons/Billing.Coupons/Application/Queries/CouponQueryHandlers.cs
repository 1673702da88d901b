using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
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

internal sealed class FindCouponByCodeHandler(CouponsDbContext db) : IRequestHandler<FindCouponByCode, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(FindCouponByCode request, CancellationToken cancellationToken)
    {
        var found = await CouponCodes.ResolveAsync(db, request.Code, cancellationToken);
        return found.IsSuccess ? await found.Value.Coupon.ToDtoAsync(db, cancellationToken) : found.Error;
    }
}

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

internal sealed class ListAccountRedemptionsHandler(CouponsDbContext db, IMediator mediator) : IRequestHandler<ListAccountRedemptions, Result<IReadOnlyList<RedemptionDto>>>
{
    public async Task<Result<IReadOnlyList<RedemptionDto>>> Handle(ListAccountRedemptions request, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccount(request.AccountCode), cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error;
        }

        var redemptions = await db.Redemptions.AsNoTracking()
            .Where(r => r.AccountCode == request.AccountCode)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return redemptions.Select(r => r.ToDto()).ToList();
    }
}

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
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return redemptions.Select(r => r.ToDto()).ToList();
    }
}
