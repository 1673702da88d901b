using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Queries;

internal sealed class ListInvoicesPageHandler(InvoicingDbContext db) : IRequestHandler<ListInvoicesPage, Result<IReadOnlyList<InvoiceDto>>>
{
    public async Task<Result<IReadOnlyList<InvoiceDto>>> Handle(ListInvoicesPage request, CancellationToken cancellationToken)
    {
        if (request.Size is < 1 or > 1_000)
        {
            return Error.Validation("size", "size must be from 1 to 1000.");
        }

        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.Number > request.AfterNumber)
            .OrderBy(i => i.Number)
            .Take(request.Size)
            .ToListAsync(cancellationToken);
        return invoices.Select(i => i.ToDto()).ToList();
    }
}
