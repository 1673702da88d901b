using Billing.SharedKernel;
using Billing.Subscriptions.Application.Renewals;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Pricing;

/// <summary>
/// I7 + S6: the charges of a subscription's next invoice. The subscription is read without tracking and advanced
/// by one period in memory — the step the renewal takes — then priced by the very request the renewal sends to
/// Invoicing, so the preview and the renewal cannot disagree. Nothing is saved.
/// </summary>
internal sealed class GetUpcomingChargesHandler(SubscriptionsDbContext db) : IRequestHandler<GetUpcomingCharges, Result<UpcomingCharges>>
{
    public async Task<Result<UpcomingCharges>> Handle(GetUpcomingCharges request, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.SubscriptionId, cancellationToken);
        if (subscription is null)
        {
            return SubscriptionErrors.NotFound(request.SubscriptionId);
        }

        if (!subscription.IsLive)
        {
            return SubscriptionErrors.NoNextInvoice(subscription.Id, Wire<SubscriptionState>.Name(subscription.State));
        }

        // S8: a change scheduled for renewal is the next invoice's terms, as the renewal applies it (I7).
        RenewalSteps.StartNextPeriod(subscription);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Code == subscription.PlanCode, cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Code == subscription.AccountCode, cancellationToken);
        var renewal = RenewalSteps.InvoiceFor(subscription, plan, account);
        return new UpcomingCharges(
            renewal.SubscriptionId,
            renewal.AccountCode,
            subscription.PlanCode,
            renewal.Currency,
            renewal.TaxRatePercent,
            subscription.CurrentPeriodStart,
            subscription.CurrentPeriodEnd,
            renewal.IsTrial,
            renewal.Lines);
    }
}
