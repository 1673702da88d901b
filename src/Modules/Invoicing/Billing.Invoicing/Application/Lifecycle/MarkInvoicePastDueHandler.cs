using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Invoicing.Application.Lifecycle;

/// <summary>P4: a failed automatic collection makes a pending invoice past due (<see cref="InvoicePastDue"/>).</summary>
internal sealed class MarkInvoicePastDueHandler(InvoicingDbContext db, TimeProvider clock)
    : IRequestHandler<MarkInvoicePastDue, Result<InvoiceDto>>
{
    public Task<Result<InvoiceDto>> Handle(MarkInvoicePastDue request, CancellationToken cancellationToken) =>
        InvoiceLifecycle.ChangeAsync(
            db,
            request.InvoiceNumber,
            [Invoice.Pending],
            Invoice.PastDue,
            _ => null,
            invoice => invoice.FallPastDue(),
            invoice => new InvoicePastDue(Guid.NewGuid(), clock.GetUtcNow(), invoice.Number, invoice.AccountCode, invoice.SubscriptionId),
            cancellationToken);
}
