using Billing.Invoicing.Application.Rendering;
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

internal sealed class RenderInvoiceTextHandler(InvoicingDbContext db) : IRequestHandler<RenderInvoiceText, Result<string>>
{
    public async Task<Result<string>> Handle(RenderInvoiceText request, CancellationToken cancellationToken) =>
        await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Number == request.Number, cancellationToken) is { } invoice
            ? InvoiceTextRenderer.Render(invoice)
            : Error.NotFound("invoice_not_found", $"No invoice has the number {request.Number}.");
}

internal sealed class ListInvoicesHandler(InvoicingDbContext db) : IRequestHandler<ListInvoices, Result<IReadOnlyList<InvoiceDto>>>
{
    public async Task<Result<IReadOnlyList<InvoiceDto>>> Handle(ListInvoices request, CancellationToken cancellationToken)
    {
        var query = db.Invoices.AsNoTracking();
        if (request.AccountCode is not null)
        {
            query = query.Where(i => i.AccountCode == request.AccountCode);
        }

        if (request.SubscriptionId is not null)
        {
            query = query.Where(i => i.SubscriptionId == request.SubscriptionId);
        }

        var invoices = await query.OrderBy(i => i.Number).Take(1000).ToListAsync(cancellationToken);
        return invoices.Select(i => i.ToDto()).ToList();
    }
}
