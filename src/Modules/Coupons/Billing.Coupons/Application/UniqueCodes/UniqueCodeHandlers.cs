using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.UniqueCodes;

internal static class UniqueCodeMapping
{
    public static UniqueCodeDto ToDto(this UniqueCode code) =>
        new(code.Code, code.CouponId, Wire<UniqueCodeState>.Name(code.State), code.RedemptionId, code.CreatedAt, code.RedeemedAt, code.ExpiredAt);
}

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

/// <summary>C16: expires one unique code; it can no longer be redeemed.</summary>
internal sealed class ExpireUniqueCodeHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<ExpireUniqueCode, Result<UniqueCodeDto>>
{
    public async Task<Result<UniqueCodeDto>> Handle(ExpireUniqueCode request, CancellationToken cancellationToken)
    {
        string normalized = Coupon.Normalize(request.Code);
        var code = await db.UniqueCodes.FirstOrDefaultAsync(u => u.CouponId == request.CouponId && u.NormalizedCode == normalized, cancellationToken);
        if (code is null)
        {
            return Error.NotFound("unique_code_not_found", $"Coupon '{request.CouponId}' has no unique code '{request.Code}'.");
        }

        if (code.State != UniqueCodeState.Redeemable)
        {
            return Error.Conflict("unique_code_not_redeemable", $"The code '{code.Code}' is {Wire<UniqueCodeState>.Name(code.State)}; only a redeemable code can be expired.");
        }

        code.State = UniqueCodeState.Expired;
        code.ExpiredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return code.ToDto();
    }
}

/// <summary>C16: restores one expired unique code; a redeemed code stays redeemed.</summary>
internal sealed class RestoreUniqueCodeHandler(CouponsDbContext db) : IRequestHandler<RestoreUniqueCode, Result<UniqueCodeDto>>
{
    public async Task<Result<UniqueCodeDto>> Handle(RestoreUniqueCode request, CancellationToken cancellationToken)
    {
        string normalized = Coupon.Normalize(request.Code);
        var code = await db.UniqueCodes.FirstOrDefaultAsync(u => u.CouponId == request.CouponId && u.NormalizedCode == normalized, cancellationToken);
        if (code is null)
        {
            return Error.NotFound("unique_code_not_found", $"Coupon '{request.CouponId}' has no unique code '{request.Code}'.");
        }

        if (code.State != UniqueCodeState.Expired)
        {
            return Error.Conflict("unique_code_not_expired", $"The code '{code.Code}' is {Wire<UniqueCodeState>.Name(code.State)}; only an expired code can be restored.");
        }

        code.State = UniqueCodeState.Redeemable;
        code.ExpiredAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return code.ToDto();
    }
}
