using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Invoicing.Application.Lifecycle;

/// <summary>P6: an unpaid invoice is voided (<see cref="InvoiceVoided"/>) and never collected.</summary>
internal sealed class MarkInvoiceVoidedHandler(InvoicingDbContext db, TimeProvider clock)
    : IRequestHandler<MarkInvoiceVoided, Result<InvoiceDto>>
{
    public Task<Result<InvoiceDto>> Handle(MarkInvoiceVoided request, CancellationToken cancellationToken) =>
        InvoiceLifecycle.ChangeAsync(
            db,
            request.InvoiceNumber,
            Invoice.Payable,
            Invoice.Voided,
            _ => null,
            invoice => invoice.Void(),
            invoice => new InvoiceVoided(Guid.NewGuid(), clock.GetUtcNow(), invoice.Number, invoice.AccountCode, invoice.SubscriptionId),
            cancellationToken);
}
