using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Invoicing.Application.ReadInvoice;

internal sealed class GetInvoiceHandler(InvoicingDbContext db) : IRequestHandler<GetInvoice, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(GetInvoice request, CancellationToken cancellationToken) =>
        (await db.FindAsync(request.Number, cancellationToken)).Map(invoice => invoice.ToDto());
}
