using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Coupons.Application.Settings;

internal sealed class GetCouponSettingsHandler(CouponsDbContext db) : IRequestHandler<GetCouponSettings, Result<CouponSettingsDto>>
{
    public async Task<Result<CouponSettingsDto>> Handle(GetCouponSettings request, CancellationToken cancellationToken) =>
        (await db.SettingsAsync(cancellationToken)).ToDto();
}
