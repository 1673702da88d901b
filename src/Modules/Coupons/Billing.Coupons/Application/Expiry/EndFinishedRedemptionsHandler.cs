using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Expiry;

/// <summary>R5: temporal redemptions whose time is up become inactive (duration_ended).</summary>
internal sealed class EndFinishedRedemptionsHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<EndFinishedRedemptions, Result<int>>
{
    public async Task<Result<int>> Handle(EndFinishedRedemptions request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Redemptions
            .Where(r => r.State == RedemptionState.Active && r.EndsAt != null && r.EndsAt <= now)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.State, RedemptionState.Inactive)
                    .SetProperty(r => r.InactiveReason, InactiveReason.DurationEnded)
                    .SetProperty(r => r.EndedAt, now),
                cancellationToken);
    }
}
