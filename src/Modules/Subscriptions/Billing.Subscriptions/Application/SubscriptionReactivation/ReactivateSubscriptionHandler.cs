using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.SubscriptionReactivation;

/// <summary>
/// S9: undoes a cancellation at period end while the period runs. The command's transaction holds the write lock, so
/// the renewal job that would expire the subscription at its period's end either ran before (the period is over:
/// refused) or runs after (the subscription is live again and renews).
/// </summary>
internal sealed class ReactivateSubscriptionHandler(SubscriptionsDbContext db, TimeProvider clock)
    : IRequestHandler<ReactivateSubscription, Result<SubscriptionDto>>
{
    public async Task<Result<SubscriptionDto>> Handle(ReactivateSubscription request, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken);
        if (subscription is null)
        {
            return SubscriptionErrors.NotFound(request.Id);
        }

        if (subscription.State != SubscriptionState.Canceled)
        {
            return SubscriptionErrors.NotCanceled(subscription.Id, Wire<SubscriptionState>.Name(subscription.State));
        }

        var now = clock.GetUtcNow();
        if (!subscription.Reactivate(now))
        {
            return SubscriptionErrors.PeriodEnded(subscription.Id);
        }

        db.Publish(new SubscriptionReactivated(Guid.NewGuid(), now, subscription.ToSnapshot()));
        await db.SaveChangesAsync(cancellationToken);
        return subscription.ToDto();
    }
}
