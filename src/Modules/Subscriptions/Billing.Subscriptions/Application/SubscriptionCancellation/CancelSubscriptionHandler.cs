using Billing.Coupons.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.SubscriptionCancellation;

/// <summary>
/// S9: at period end (default) the subscription is canceled and expires when its period ends (the bill run);
/// now it expires at once and its subscription-level redemptions end with it.
/// </summary>
internal sealed class CancelSubscriptionHandler(SubscriptionsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<CancelSubscription, Result<SubscriptionDto>>
{
    public async Task<Result<SubscriptionDto>> Handle(CancelSubscription request, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken);
        if (subscription is null)
        {
            return SubscriptionErrors.NotFound(request.Id);
        }

        bool now = request.Timeframe == CancelTimeframe.Now;
        if (subscription.State == SubscriptionState.Expired || (subscription.State == SubscriptionState.Canceled && !now))
        {
            return SubscriptionErrors.AlreadyEnded(subscription.Id, Wire<SubscriptionState>.Name(subscription.State));
        }

        var at = clock.GetUtcNow();
        subscription.Cancel(now, at);
        db.Publish(new SubscriptionCanceled(Guid.NewGuid(), at, subscription.ToSnapshot()));
        await db.SaveChangesAsync(cancellationToken);
        if (now)
        {
            var ended = await mediator.Send(new EndSubscriptionRedemptions(subscription.Id), cancellationToken);
            if (!ended.IsSuccess)
            {
                return ended.Error;
            }
        }

        return subscription.ToDto();
    }
}
