using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.RedemptionRemoval;

/// <summary>S9: a subscription's subscription-level redemptions end with it.</summary>
internal sealed class EndSubscriptionRedemptionsHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<EndSubscriptionRedemptions, Result<int>>
{
    public async Task<Result<int>> Handle(EndSubscriptionRedemptions request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Redemptions
            .Where(r => r.SubscriptionId == request.SubscriptionId && r.Level == RedemptionResource.Subscription && r.State == RedemptionState.Active)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.State, RedemptionState.Inactive)
                    .SetProperty(r => r.InactiveReason, InactiveReason.SubscriptionEnded)
                    .SetProperty(r => r.EndedAt, now),
                cancellationToken);
    }
}
