using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.Collection;

/// <summary>
/// P6: an open or past-due invoice is voided — a guarded change of its collection row, so no attempt holds it and none
/// will — and the invoice becomes voided, in one transaction. A paid, failed or currently charged invoice is refused.
/// </summary>
internal sealed class VoidInvoiceHandler(PaymentsDbContext db, Collector collector, IMediator mediator, TimeProvider clock)
    : IRequestHandler<VoidInvoice, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(VoidInvoice request, CancellationToken cancellationToken)
    {
        var ensured = await collector.EnsureAsync(request.InvoiceNumber, cancellationToken);
        if (!ensured.IsSuccess)
        {
            return ensured.Error;
        }

        var collection = ensured.Value;
        int voided = await db.Collections
            .Where(c => c.InvoiceNumber == collection.InvoiceNumber)
            .Where(Domain.Collection.AwaitingPayment)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.State, CollectionState.Voided).SetProperty(c => c.NextAttemptAt, (DateTimeOffset?)null).SetProperty(c => c.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        if (voided == 0)
        {
            return collection.State == CollectionState.Collecting
                ? PaymentErrors.BeingCollected(collection.InvoiceNumber)
                : PaymentErrors.NotVoidable(collection.InvoiceNumber, Wire<CollectionState>.Name(collection.State));
        }

        return await mediator.Send(new MarkInvoiceVoided(collection.InvoiceNumber), cancellationToken);
    }
}
