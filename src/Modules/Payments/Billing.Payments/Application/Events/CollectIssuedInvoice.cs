using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Application.Events;

/// <summary>
/// P2: an issued invoice with something to pay is collected when its event arrives — charged at once when its
/// account collects automatically; an account without a payment method costs one look-up, and its invoice waits for a
/// recorded payment or a card (which collects it then). Redelivery is harmless without an inbox: the collection's
/// guarded claim charges an invoice at most once, and only an open invoice is charged on issue.
/// </summary>
internal sealed class CollectIssuedInvoice(PaymentsDbContext db, IMediator mediator) : INotificationHandler<InvoiceIssued>
{
    public async Task Handle(InvoiceIssued notification, CancellationToken cancellationToken)
    {
        if (notification.TotalMinor > 0 && await db.PaymentMethods.AnyAsync(m => m.AccountCode == notification.AccountCode, cancellationToken))
        {
            await mediator.Send(new CollectInvoice(notification.InvoiceNumber), cancellationToken);
        }
    }
}
