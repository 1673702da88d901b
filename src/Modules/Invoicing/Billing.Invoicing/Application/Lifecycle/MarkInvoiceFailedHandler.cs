using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Invoicing.Application.Lifecycle;

/// <summary>P4: dunning is exhausted: the past-due invoice fails (<see cref="InvoiceFailed"/>).</summary>
internal sealed class MarkInvoiceFailedHandler(InvoicingDbContext db, TimeProvider clock)
    : IRequestHandler<MarkInvoiceFailed, Result<InvoiceDto>>
{
    public Task<Result<InvoiceDto>> Handle(MarkInvoiceFailed request, CancellationToken cancellationToken) =>
        InvoiceLifecycle.ChangeAsync(
            db,
            request.InvoiceNumber,
            Invoice.Payable,
            Invoice.Failed,
            _ => null,
            invoice => invoice.Fail(),
            invoice => new InvoiceFailed(Guid.NewGuid(), clock.GetUtcNow(), invoice.Number, invoice.AccountCode, invoice.SubscriptionId),
            cancellationToken);
}
