using Billing.Coupons.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Renewals;

/// <summary>
/// S6: brings one subscription up to date in one transaction — each ended period advanced (a change
/// scheduled for renewal applied, S8) and invoiced, catching up missed periods one by one; a subscription
/// canceled at period end expires instead and its subscription-level redemptions end (S9). The subscription
/// is re-read inside the transaction, and Invoicing's unique key per period backs it up, so a repeated or
/// concurrent run invoices nothing twice.
/// </summary>
internal sealed class RenewSubscriptionHandler(SubscriptionsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<RenewSubscription, Result<RenewalCounts>>
{
    public async Task<Result<RenewalCounts>> Handle(RenewSubscription request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken);
        if (subscription is null)
        {
            return Error.NotFound("subscription_not_found", $"No subscription has the id '{request.Id}'.");
        }

        if (subscription.CurrentPeriodEnd > now || !(subscription.IsLive || subscription.State == SubscriptionState.Canceled))
        {
            return new RenewalCounts(0, 0, 0, 0);
        }

        if (subscription.State == SubscriptionState.Canceled)
        {
            subscription.Expire(subscription.CurrentPeriodEnd);
            db.Publish(new SubscriptionExpired(Guid.NewGuid(), now, subscription.ToSnapshot(), SubscriptionExpiry.Canceled));
            await db.SaveChangesAsync(cancellationToken);
            var ended = await mediator.Send(new EndSubscriptionRedemptions(subscription.Id), cancellationToken);
            return ended.IsSuccess ? new RenewalCounts(0, 0, 0, 1) : ended.Error;
        }

        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Code == subscription.AccountCode, cancellationToken);
        int invoiced = 0;
        while (subscription.CurrentPeriodEnd <= now)
        {
            (string previousPlanCode, int previousQuantity) = (subscription.PlanCode, subscription.Quantity);
            RenewalSteps.StartNextPeriod(subscription);
            var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Code == subscription.PlanCode, cancellationToken);
            var invoiceRequest = RenewalSteps.InvoiceFor(subscription, plan, account);
            await db.SaveChangesAsync(cancellationToken);
            var invoice = await mediator.Send(invoiceRequest, cancellationToken);
            if (!invoice.IsSuccess)
            {
                return invoice.Error;
            }

            RenewalSteps.Invoiced(subscription, invoice.Value);
            foreach (var published in RenewalEvents.Of(subscription, previousPlanCode, previousQuantity, invoice.Value, now))
            {
                db.Publish(published);
            }

            invoiced++;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Entry(subscription).State = EntityState.Detached;
        return new RenewalCounts(1, invoiced, 0, 0);
    }
}
