using Billing.Coupons.Application.UniqueCodes;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.ReadUniqueCode;

internal sealed class GetUniqueCodeHandler(CouponsDbContext db) : IRequestHandler<GetUniqueCode, Result<UniqueCodeDto>>
{
    public async Task<Result<UniqueCodeDto>> Handle(GetUniqueCode request, CancellationToken cancellationToken)
    {
        string normalized = Coupon.Normalize(request.Code);
        return await db.UniqueCodes.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedCode == normalized, cancellationToken) is { } code
            ? code.ToDto()
            : CouponErrors.UnknownUniqueCode(request.Code);
    }
}
