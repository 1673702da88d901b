using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Renewals;

/// <summary>
/// S6: every subscription whose period has ended moves to the next period and gets that period's invoice,
/// one period at a time until it is current (catch-up). The period advance and the invoice commit together,
/// and Invoicing's unique key per subscription and period makes a repeated or concurrent run create nothing twice.
/// </summary>
internal sealed class RenewDueSubscriptionsHandler(SubscriptionsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<RenewDueSubscriptions, Result<RenewalCounts>>
{
    public async Task<Result<RenewalCounts>> Handle(RenewDueSubscriptions request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Subscriptions
            .Where(s => (s.State == SubscriptionState.Active || s.State == SubscriptionState.InTrial) && s.CurrentPeriodEnd <= now)
            .OrderBy(s => s.CurrentPeriodEnd).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var plans = new Dictionary<string, Plan>(StringComparer.Ordinal);
        var accounts = new Dictionary<string, Account>(StringComparer.Ordinal);
        int renewed = 0;
        int invoiced = 0;
        foreach (var subscription in due)
        {
            var plan = plans.TryGetValue(subscription.PlanCode, out var knownPlan)
                ? knownPlan
                : plans[subscription.PlanCode] = await db.Plans.AsNoTracking().SingleAsync(p => p.Code == subscription.PlanCode, cancellationToken);
            var account = accounts.TryGetValue(subscription.AccountCode, out var knownAccount)
                ? knownAccount
                : accounts[subscription.AccountCode] = await db.Accounts.AsNoTracking().SingleAsync(a => a.Code == subscription.AccountCode, cancellationToken);
            renewed++;
            while (subscription.CurrentPeriodEnd <= now)
            {
                subscription.AdvancePeriod();
                await db.SaveChangesAsync(cancellationToken);
                var invoice = await mediator.Send(InvoiceRequests.ForCurrentPeriod(plan, account, subscription, firstInvoice: false), cancellationToken);
                if (!invoice.IsSuccess)
                {
                    return invoice.Error;
                }

                invoiced++;
            }
        }

        return new RenewalCounts(renewed, invoiced, 0);
    }
}
