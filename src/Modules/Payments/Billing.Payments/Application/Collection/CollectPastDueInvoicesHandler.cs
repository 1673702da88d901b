using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.Collection;

/// <summary>
/// P4: the dunning pass: every past-due invoice whose next attempt is due is charged again, each in its own
/// transactions (one failure does not hold up the others), oldest due first; claims left without an outcome are
/// resumed first. Then card refunds the gateway refused are sent again (P6, <see cref="RefundRetries"/>).
/// </summary>
internal sealed class CollectPastDueInvoicesHandler(PaymentsDbContext db, Collector collector, RefundRetries refunds, TimeProvider clock)
    : IRequestHandler<CollectPastDueInvoices, Result<DunningCounts>>
{
    public async Task<Result<DunningCounts>> Handle(CollectPastDueInvoices request, CancellationToken cancellationToken)
    {
        await collector.ResumeStaleClaimsAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.Collections.AsNoTracking()
            .Where(c => c.State == CollectionState.PastDue && c.NextAttemptAt <= now)
            .OrderBy(c => c.NextAttemptAt)
            .Select(c => c.InvoiceNumber)
            .ToListAsync(cancellationToken);
        int attempted = 0, paid = 0, failed = 0;
        foreach (long number in due)
        {
            var collected = await collector.CollectAsync(number, retryNow: false, cancellationToken);
            if (!collected.IsSuccess || collected.Value.Outcome == Collector.NotAttempted)
            {
                continue;
            }

            attempted++;
            paid += collected.Value.InvoiceState == Invoicing.Contracts.InvoiceStates.Paid ? 1 : 0;
            failed += collected.Value.InvoiceState == Invoicing.Contracts.InvoiceStates.Failed ? 1 : 0;
        }

        var (refundsRetried, refundsSucceeded) = await refunds.RunAsync(cancellationToken);
        return new DunningCounts(attempted, paid, failed, refundsRetried, refundsSucceeded);
    }
}
