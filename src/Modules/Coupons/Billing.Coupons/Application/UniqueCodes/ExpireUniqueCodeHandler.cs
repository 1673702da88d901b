using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.UniqueCodes;

/// <summary>C16: expires one unique code; it can no longer be redeemed.</summary>
internal sealed class ExpireUniqueCodeHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<ExpireUniqueCode, Result<UniqueCodeDto>>
{
    public async Task<Result<UniqueCodeDto>> Handle(ExpireUniqueCode request, CancellationToken cancellationToken)
    {
        string normalized = Coupon.Normalize(request.Code);
        var code = await db.UniqueCodes.FirstOrDefaultAsync(u => u.CouponId == request.CouponId && u.NormalizedCode == normalized, cancellationToken);
        if (code is null)
        {
            return CouponErrors.UniqueCodeNotFound(request.CouponId, request.Code);
        }

        if (code.Expire(clock.GetUtcNow()) is { } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(cancellationToken);
        return code.ToDto();
    }
}
