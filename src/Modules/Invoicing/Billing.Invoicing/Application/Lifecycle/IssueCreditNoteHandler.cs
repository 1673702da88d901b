using Billing.Invoicing.Application.Credits;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Lifecycle;

/// <summary>
/// P6: a refund of a paid invoice is a credit note with the next gapless number (I1), one <c>refund</c> line of minus
/// the amount, referencing the invoice. The invoice's refunded amount grows by one UPDATE guarded on it as it was read,
/// so concurrent refunds never refund more than was paid; to credit, the account's balance grows (P5). The invoice's
/// recorded discounts are not touched.
/// </summary>
internal sealed class IssueCreditNoteHandler(InvoicingDbContext db, TimeProvider clock) : IRequestHandler<IssueCreditNote, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(IssueCreditNote request, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Number == request.InvoiceNumber, cancellationToken);
        if (invoice is null)
        {
            return InvoiceErrors.NotFound(request.InvoiceNumber);
        }

        if (invoice.State != Invoice.Paid || invoice.Kind == InvoiceKind.CreditNote || invoice.AmountPaid + invoice.CreditApplied == 0)
        {
            return InvoiceErrors.NotRefundable(invoice.Number, invoice.State);
        }

        if (request.AmountMinor <= 0 || request.AmountMinor > invoice.Refundable)
        {
            return InvoiceErrors.RefundExceedsPaid(InvoiceCalculator.MoneyOf(invoice.Refundable, invoice.Currency).Format(), invoice.Number);
        }

        long refundedBefore = invoice.AmountRefunded;
        int changed = await db.Invoices
            .Where(i => i.Number == invoice.Number && i.State == Invoice.Paid && i.AmountRefunded == refundedBefore)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AmountRefunded, refundedBefore + request.AmountMinor), cancellationToken);
        if (changed == 0)
        {
            return InvoiceErrors.NotRefundableAnyMore(invoice.Number);
        }

        var now = clock.GetUtcNow();
        var note = Invoice.CreditNoteFor(invoice, request.AmountMinor, await db.NextInvoiceNumberAsync(cancellationToken), request.To == RefundDestination.Credit, now);
        db.Invoices.Add(note);
        if (request.To == RefundDestination.Credit)
        {
            var credits = await CreditBook.LoadAsync(db, [invoice.AccountCode], cancellationToken);
            credits.AddRefund(note, request.AmountMinor, now);
            await credits.StageAsync(db, cancellationToken);
        }

        bool full = refundedBefore + request.AmountMinor == invoice.AmountPaid + invoice.CreditApplied;
        db.Publish(new InvoiceRefunded(Guid.NewGuid(), now, invoice.Number, note.Number, invoice.AccountCode, invoice.SubscriptionId, invoice.Currency, request.AmountMinor, Wire<RefundDestination>.Name(request.To), full));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return note.ToDto();
    }
}
