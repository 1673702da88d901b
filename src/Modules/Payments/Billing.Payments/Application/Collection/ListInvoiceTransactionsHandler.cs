using System.Globalization;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.Collection;

/// <summary>P2: an invoice's payment attempts, oldest first; <c>invoice_not_found</c> for an unknown invoice.</summary>
internal sealed class ListInvoiceTransactionsHandler(PaymentsDbContext db, IMediator mediator)
    : IRequestHandler<ListInvoiceTransactions, Result<IReadOnlyList<PaymentTransactionDto>>>
{
    public async Task<Result<IReadOnlyList<PaymentTransactionDto>>> Handle(ListInvoiceTransactions request, CancellationToken cancellationToken)
    {
        var invoice = await mediator.Send(new GetInvoice(request.InvoiceNumber.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        if (!invoice.IsSuccess)
        {
            return invoice.Error;
        }

        var transactions = await db.Transactions.AsNoTracking()
            .Where(t => t.InvoiceNumber == request.InvoiceNumber)
            .OrderBy(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
        return transactions.Select(t => t.ToDto()).ToList();
    }
}
