using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Lifecycle;

/// <summary>
/// P1: how an issued invoice changes state. Each change is one guarded UPDATE — of the row still in the state it was
/// read in — in the caller's transaction, with its event in the outbox; a change the invoice's state does not allow
/// is refused and changes nothing.
/// </summary>
internal static class InvoiceLifecycle
{
    public static InvoicePaid PaidEvent(Invoice invoice, DateTimeOffset now) => new(
        Guid.NewGuid(),
        now,
        invoice.Number,
        invoice.AccountCode,
        invoice.SubscriptionId,
        invoice.Currency,
        invoice.Total,
        invoice.AmountPaid,
        invoice.CreatedAt);

    /// <summary>
    /// Moves invoice <paramref name="number"/> from one of <paramref name="from"/> to what <paramref name="change"/>
    /// makes of it, and publishes <paramref name="published"/>'s event. An invoice already in the target state (a
    /// repeated change) answers as it is, with no second event.
    /// </summary>
    public static async Task<Result<InvoiceDto>> ChangeAsync(
        InvoicingDbContext db,
        long number,
        IReadOnlyList<string> from,
        string to,
        Func<Invoice, Error?> check,
        Action<Invoice> change,
        Func<Invoice, IIntegrationEvent> published,
        CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Number == number, cancellationToken);
        if (invoice is null)
        {
            return InvoiceErrors.NotFound(number);
        }

        var changed = await ApplyAsync(db, invoice, from, to, check, change, published, cancellationToken);
        if (!changed.IsSuccess)
        {
            return changed.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed.Value.ToDto();
    }

    /// <summary>
    /// The change of <see cref="ChangeAsync"/> on an invoice read already: its guarded UPDATE runs at once, its event
    /// waits in the context for the caller's SaveChanges (a batch saves its events together).
    /// </summary>
    public static async Task<Result<Invoice>> ApplyAsync(
        InvoicingDbContext db,
        Invoice invoice,
        IReadOnlyList<string> from,
        string to,
        Func<Invoice, Error?> check,
        Action<Invoice> change,
        Func<Invoice, IIntegrationEvent> published,
        CancellationToken cancellationToken)
    {
        long number = invoice.Number;
        if (invoice.State == to && to != Invoice.Paid)
        {
            return invoice;
        }

        if (!from.Contains(invoice.State))
        {
            return CannotBecome(number, invoice.State, to);
        }

        if (check(invoice) is { } refused)
        {
            return refused;
        }

        string before = invoice.State;
        long paidBefore = invoice.AmountPaid;
        change(invoice);
        int changed = await db.Invoices
            .Where(i => i.Number == number && i.State == before && i.AmountPaid == paidBefore)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(i => i.State, invoice.State)
                    .SetProperty(i => i.AmountPaid, invoice.AmountPaid)
                    .SetProperty(i => i.PaidAt, invoice.PaidAt)
                    .SetProperty(i => i.Payments, invoice.Payments),
                cancellationToken);
        if (changed == 0)
        {
            return CannotBecome(number, null, to);
        }

        db.Publish(published(invoice));
        return invoice;
    }

    /// <summary>Why invoice <paramref name="number"/> cannot become <paramref name="to"/>: it is <paramref name="state"/>, or it changed meanwhile (null).</summary>
    private static Error CannotBecome(long number, string? state, string to) => (to, state) switch
    {
        (Invoice.Paid, { } known) => InvoiceErrors.NotPayable(number, known),
        (Invoice.Paid, _) => InvoiceErrors.NotPayableAnyMore(number),
        (Invoice.PastDue or Invoice.Failed, { } known) => InvoiceErrors.NotCollectable(number, known, to),
        (Invoice.PastDue or Invoice.Failed, _) => InvoiceErrors.NotCollectableAnyMore(number, to),
        (_, { } known) => InvoiceErrors.NotVoidable(number, known),
        _ => InvoiceErrors.NotVoidableAnyMore(number),
    };
}
