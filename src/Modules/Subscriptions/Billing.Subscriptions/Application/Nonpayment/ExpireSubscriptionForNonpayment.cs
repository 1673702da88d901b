using Billing.BuildingBlocks.Outbox;
using Billing.Invoicing.Contracts;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Nonpayment;

/// <summary>P4: when dunning fails on a subscription's invoice, the subscription expires with <c>expire_reason: nonpayment</c>.</summary>
internal sealed class ExpireSubscriptionForNonpayment(SubscriptionsDbContext db, TimeProvider clock)
    : IdempotentEventHandler<InvoiceFailed, SubscriptionsDbContext>(db, clock)
{
    private readonly TimeProvider clock = clock;

    protected override async Task HandleOnceAsync(InvoiceFailed integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.SubscriptionId is null)
        {
            return;
        }

        var subscription = await Context.Subscriptions.FirstOrDefaultAsync(s => s.Id == integrationEvent.SubscriptionId, cancellationToken);
        var now = clock.GetUtcNow();
        if (subscription?.ExpireForNonpayment(now) == true)
        {
            Context.Publish(new SubscriptionExpired(Guid.NewGuid(), now, subscription.ToSnapshot(), SubscriptionExpiry.Nonpayment));
        }
    }
}
