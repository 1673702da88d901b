using Billing.Invoicing.Application.ReadInvoice;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Invoicing.Application.Rendering;

internal sealed class RenderInvoiceTextHandler(InvoicingDbContext db) : IRequestHandler<RenderInvoiceText, Result<string>>
{
    public async Task<Result<string>> Handle(RenderInvoiceText request, CancellationToken cancellationToken) =>
        (await db.FindAsync(request.Number, cancellationToken)).Map(InvoiceTextRenderer.Render);
}
