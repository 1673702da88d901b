using Billing.BuildingBlocks.Persistence;
using System.Globalization;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.Collection;

/// <summary>
/// P2: an invoice's payment attempts in the order they were made, oldest first (or newest first), paged as a seek on
/// the (InvoiceNumber, Sequence) index (issue 16): the sequence never ties, so attempts made at one instant keep their
/// order; <c>invoice_not_found</c> for an unknown invoice.
/// </summary>
internal sealed class ListInvoiceTransactionsHandler(PaymentsDbContext db, IMediator mediator)
    : IRequestHandler<ListInvoiceTransactions, Result<Page<PaymentTransactionDto>>>
{
    public async Task<Result<Page<PaymentTransactionDto>>> Handle(ListInvoiceTransactions request, CancellationToken cancellationToken)
    {
        var invoice = await mediator.Send(new GetInvoice(request.InvoiceNumber.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        if (!invoice.IsSuccess)
        {
            return invoice.Error;
        }

        return await db.Transactions.AsNoTracking()
            .Where(t => t.InvoiceNumber == request.InvoiceNumber)
            .ToPageAsync(request.Page, t => t.Sequence, t => t.ToDto(), request.NewestFirst, cancellationToken);
    }
}
