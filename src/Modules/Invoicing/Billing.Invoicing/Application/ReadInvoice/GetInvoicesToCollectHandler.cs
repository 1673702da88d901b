using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.ReadInvoice;

/// <summary>P2 (issue 15): a collected batch's invoices, one query without their lines.</summary>
internal sealed class GetInvoicesToCollectHandler(InvoicingDbContext db)
    : IRequestHandler<GetInvoicesToCollect, Result<IReadOnlyList<InvoiceToCollect>>>
{
    public async Task<Result<IReadOnlyList<InvoiceToCollect>>> Handle(GetInvoicesToCollect request, CancellationToken cancellationToken)
    {
        var numbers = request.Numbers.Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().IgnoreAutoIncludes()
            .Where(i => EF.Parameter(numbers).Contains(i.Number))
            .ToListAsync(cancellationToken);
        return invoices.Select(i => new InvoiceToCollect(i.Number, i.AccountCode, i.SubscriptionId, i.Currency, i.AmountDue, Wire<InvoiceState>.Parse(i.State))).ToList();
    }
}
