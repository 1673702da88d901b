using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.Collection;

/// <summary>
/// P4: the dunning pass: every past-due invoice whose next attempt is due is charged again, oldest due first, in
/// batches (<see cref="Collector"/>: a decline settles only its own invoice); claims left without an outcome are
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
        var collected = await collector.CollectAsync(due, retryNow: false, cancellationToken);
        var attempts = collected.Values.Where(c => c.IsSuccess && c.Value.Outcome != Collector.NotAttempted).Select(c => c.Value.InvoiceState).ToList();
        int attempted = attempts.Count;
        int paid = attempts.Count(state => state == Wire<InvoiceState>.Name(InvoiceState.Paid));
        int failed = attempts.Count(state => state == Wire<InvoiceState>.Name(InvoiceState.Failed));

        var (refundsRetried, refundsSucceeded) = await refunds.RunAsync(cancellationToken);
        return new DunningCounts(attempted, paid, failed, refundsRetried, refundsSucceeded);
    }
}
