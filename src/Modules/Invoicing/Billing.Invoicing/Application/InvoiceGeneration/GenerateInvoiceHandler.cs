using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Invoicing.Application.InvoiceGeneration;

/// <summary>
/// Issues one invoice — a signup's first, a change-now invoice (S8), one-time charges — as a batch of one (issue 19):
/// the rules, the persistence and the events are the bill run's (<see cref="GenerateInvoicesHandler"/>), in the
/// caller's transaction.
/// </summary>
internal sealed class GenerateInvoiceHandler(InvoicingDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<GenerateInvoice, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(GenerateInvoice request, CancellationToken cancellationToken)
    {
        var issued = await new GenerateInvoicesHandler(db, mediator, clock).Handle(new GenerateInvoices([request]), cancellationToken);
        return issued.Map(invoices => invoices[0]);
    }
}
