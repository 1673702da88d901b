using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using MediatR;

namespace Billing.Payments.Application.Events;

/// <summary>
/// P2: an issued invoice with something to pay is collected when its event arrives — charged at once when its
/// account collects automatically, else left open for a recorded payment. Redelivery is harmless without an inbox:
/// the collection's guarded claim charges an invoice at most once, and only an open invoice is charged on issue.
/// </summary>
internal sealed class CollectIssuedInvoice(IMediator mediator) : INotificationHandler<InvoiceIssued>
{
    public async Task Handle(InvoiceIssued notification, CancellationToken cancellationToken)
    {
        if (notification.TotalMinor > 0)
        {
            await mediator.Send(new CollectInvoice(notification.InvoiceNumber), cancellationToken);
        }
    }
}
