using Billing.BuildingBlocks.Outbox;
using Billing.Invoicing.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Sales;

/// <summary>
/// T6 + P7: a paid invoice with a positive total on a subscription records its sale (see <see cref="InvoiceSales"/>);
/// a 0.00 invoice records none. The invoice is kept, so that a cid opened by a redemption whose event arrives later
/// still records the sale (issue 14.8).
/// </summary>
internal sealed class RecordInvoiceSale(TrackingDbContext db, InvoiceSales sales, TimeProvider clock)
    : IdempotentEventHandler<InvoicePaid, TrackingDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(InvoicePaid integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.TotalMinor <= 0 || integrationEvent.SubscriptionId is null)
        {
            return;
        }

        var invoice = new PaidInvoice
        {
            Number = integrationEvent.InvoiceNumber,
            AccountCode = integrationEvent.AccountCode,
            SubscriptionId = integrationEvent.SubscriptionId,
            Currency = integrationEvent.Currency,
            TotalMinor = integrationEvent.TotalMinor,
            IssuedAt = integrationEvent.IssuedAt,
            PaidAt = integrationEvent.OccurredAt,
        };
        if (await Context.PaidInvoices.AnyAsync(i => i.Number == invoice.Number, cancellationToken))
        {
            return;
        }

        Context.PaidInvoices.Add(invoice);
        await Context.SaveChangesAsync(cancellationToken);
        await sales.RecordAsync(invoice, cancellationToken);
    }
}
