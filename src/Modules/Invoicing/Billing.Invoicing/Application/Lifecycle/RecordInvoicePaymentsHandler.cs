using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Lifecycle;

/// <summary>
/// P2 (issue 15): a collected batch's payments — the invoices read by one query (without their lines, which a payment
/// does not need), each made paid by its own guarded UPDATE exactly as <see cref="RecordInvoicePaymentHandler"/> does,
/// and every <see cref="InvoicePaid"/> saved to the outbox with one SaveChanges.
/// </summary>
internal sealed class RecordInvoicePaymentsHandler(InvoicingDbContext db, TimeProvider clock)
    : IRequestHandler<RecordInvoicePayments, Result<IReadOnlyDictionary<long, Error>>>
{
    public async Task<Result<IReadOnlyDictionary<long, Error>>> Handle(RecordInvoicePayments request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var numbers = request.Payments.Select(p => p.InvoiceNumber).Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().IgnoreAutoIncludes()
            .Where(i => EF.Parameter(numbers).Contains(i.Number))
            .ToDictionaryAsync(i => i.Number, cancellationToken);
        var refused = new Dictionary<long, Error>();
        foreach (var payment in request.Payments)
        {
            if (!invoices.TryGetValue(payment.InvoiceNumber, out var invoice))
            {
                refused[payment.InvoiceNumber] = InvoiceErrors.NotFound(payment.InvoiceNumber);
                continue;
            }

            var paid = await InvoiceLifecycle.ApplyAsync(
                db,
                invoice,
                Invoice.Payable,
                Invoice.Paid,
                i => i.PaymentRefusal(payment.AmountMinor),
                i => i.RecordPayment(RecordInvoicePaymentHandler.Payment(payment, now)),
                i => InvoiceLifecycle.PaidEvent(i, now),
                cancellationToken);
            if (!paid.IsSuccess)
            {
                refused[payment.InvoiceNumber] = paid.Error;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return refused;
    }
}
