using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Queries;

internal sealed class GetInvoiceHandler(InvoicingDbContext db) : IRequestHandler<GetInvoice, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(GetInvoice request, CancellationToken cancellationToken) =>
        await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Number == request.Number, cancellationToken) is { } invoice
            ? invoice.ToDto()
            : Error.NotFound("invoice_not_found", $"No invoice has the number {request.Number}.");
}
