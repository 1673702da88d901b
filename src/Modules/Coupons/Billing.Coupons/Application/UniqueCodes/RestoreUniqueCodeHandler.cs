using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.UniqueCodes;

/// <summary>C16: restores one expired unique code; a redeemed code stays redeemed.</summary>
internal sealed class RestoreUniqueCodeHandler(CouponsDbContext db) : IRequestHandler<RestoreUniqueCode, Result<UniqueCodeDto>>
{
    public async Task<Result<UniqueCodeDto>> Handle(RestoreUniqueCode request, CancellationToken cancellationToken)
    {
        string normalized = Coupon.Normalize(request.Code);
        var code = await db.UniqueCodes.FirstOrDefaultAsync(u => u.CouponId == request.CouponId && u.NormalizedCode == normalized, cancellationToken);
        if (code is null)
        {
            return CouponErrors.UniqueCodeNotFound(request.CouponId, request.Code);
        }

        if (code.Restore() is { } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(cancellationToken);
        return code.ToDto();
    }
}
