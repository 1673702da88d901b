using Billing.Invoicing.Application.Rendering;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Queries;

internal sealed class RenderInvoiceTextHandler(InvoicingDbContext db) : IRequestHandler<RenderInvoiceText, Result<string>>
{
    public async Task<Result<string>> Handle(RenderInvoiceText request, CancellationToken cancellationToken) =>
        await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Number == request.Number, cancellationToken) is { } invoice
            ? InvoiceTextRenderer.Render(invoice)
            : Error.NotFound("invoice_not_found", $"No invoice has the number {request.Number}.");
}
