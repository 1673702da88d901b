using System.Globalization;
using Billing.BuildingBlocks.Outbox;
using Billing.Invoicing.Contracts;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Application.Sales;

/// <summary>
/// P7 + T5: a full refund sets the invoice's sale to <c>refunded</c>; the paid invoice remembers it, so a sale recorded
/// later (its cid opened after the refund arrived) is recorded as refunded. A partial refund leaves the sale as it is.
/// </summary>
internal sealed class MarkSaleRefunded(TrackingDbContext db, TimeProvider clock)
    : IdempotentEventHandler<InvoiceRefunded, TrackingDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(InvoiceRefunded integrationEvent, CancellationToken cancellationToken)
    {
        if (!integrationEvent.FullyRefunded)
        {
            return;
        }

        string externalId = integrationEvent.InvoiceNumber.ToString(CultureInfo.InvariantCulture);
        if (await Context.PaidInvoices.FirstOrDefaultAsync(i => i.Number == integrationEvent.InvoiceNumber, cancellationToken) is { } invoice)
        {
            invoice.MarkRefunded();
        }

        if (await Context.Conversions.FirstOrDefaultAsync(c => c.ConversionTypeCode == ConversionTypeCodes.Sale && c.ExternalId == externalId, cancellationToken) is { } sale)
        {
            sale.ChangeStatus(ConversionStatus.Refunded);
        }
    }
}
