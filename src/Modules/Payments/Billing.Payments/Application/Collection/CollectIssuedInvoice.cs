using Billing.BuildingBlocks.Outbox;
using Billing.Invoicing.Contracts;
using Billing.Payments.Infrastructure;

namespace Billing.Payments.Application.Collection;

/// <summary>
/// P2: an issued invoice with something to pay is collected when its event arrives — charged at once when its
/// account collects automatically; an account without a payment method costs one look-up, and its invoice waits for a
/// recorded payment or a card (which collects it then). Redelivery is harmless without an inbox: the collection's
/// guarded claim charges an invoice at most once, and only an open invoice is charged on issue.
/// </summary>
internal sealed class CollectIssuedInvoice(PaymentsDbContext db, Collector collector) : IEventBatchHandler<InvoiceIssued>
{
    public Task Handle(InvoiceIssued notification, CancellationToken cancellationToken) => HandleAsync([notification], cancellationToken);

    /// <summary>
    /// A pass's invoices (a bill run's): one look-up of the accounts with a payment method, then their collection as
    /// one batch — one claim transaction, the gateway calls side by side, one recording transaction (issue 15).
    /// </summary>
    public async Task HandleAsync(IReadOnlyList<InvoiceIssued> integrationEvents, CancellationToken cancellationToken)
    {
        var payable = integrationEvents.Where(e => e.TotalMinor > 0).ToList();
        var withMethod = await db.PaymentTokensAsync(payable.Select(e => e.AccountCode), cancellationToken);
        await collector.CollectAsync([.. payable.Where(e => withMethod.ContainsKey(e.AccountCode)).Select(e => e.InvoiceNumber)], retryNow: false, cancellationToken);
    }
}
