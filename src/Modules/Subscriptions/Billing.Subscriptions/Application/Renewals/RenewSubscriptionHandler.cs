using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;

namespace Billing.Subscriptions.Application.Renewals;

/// <summary>
/// S6: brings one subscription up to date in one transaction, as a batch of one (issue 19): the bill run's steps and
/// writes (<see cref="RenewalSteps.RenewAsync"/>). The bill run renews a batch that failed this way, one subscription
/// per transaction. The subscription is re-read inside the transaction; one no longer due renews nothing.
/// </summary>
internal sealed class RenewSubscriptionHandler(SubscriptionsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<RenewSubscription, Result<RenewalCounts>>
{
    public async Task<Result<RenewalCounts>> Handle(RenewSubscription request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var subscription = await db.SubscriptionAsync(request.Id, cancellationToken);
        if (subscription is null)
        {
            return SubscriptionErrors.NotFound(request.Id);
        }

        if (subscription.CurrentPeriodEnd > now || !(subscription.IsLive || subscription.State == SubscriptionState.Canceled))
        {
            return new RenewalCounts(0, 0, 0, 0);
        }

        return await RenewalSteps.RenewAsync(db, mediator, [subscription], now, cancellationToken);
    }
}
