using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.RedemptionRemoval;

/// <summary>R4: a removed redemption is inactive at once and discounts no later invoice.</summary>
internal sealed class RemoveRedemptionHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<RemoveRedemption, Result<RedemptionDto>>
{
    public async Task<Result<RedemptionDto>> Handle(RemoveRedemption request, CancellationToken cancellationToken)
    {
        var redemption = await db.Redemptions.FirstOrDefaultAsync(r => r.Id == request.RedemptionId && r.AccountCode == request.AccountCode, cancellationToken);
        if (redemption is null)
        {
            return CouponErrors.RedemptionNotFound(request.AccountCode, request.RedemptionId);
        }

        if (redemption.State == RedemptionState.Inactive)
        {
            return CouponErrors.RedemptionInactive(redemption.Id, Wire<InactiveReason>.Name(redemption.InactiveReason!.Value));
        }

        redemption.Deactivate(InactiveReason.Removed, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return redemption.ToDto();
    }
}
