using Billing.BuildingBlocks.Outbox;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Payments.Application.Events;

/// <summary>
/// P2: an issued invoice with something to pay is collected when its event arrives — charged at once when its
/// account collects automatically; an account without a payment method costs one look-up, and its invoice waits for a
/// recorded payment or a card (which collects it then). Redelivery is harmless without an inbox: the collection's
/// guarded claim charges an invoice at most once, and only an open invoice is charged on issue.
/// </summary>
internal sealed class CollectIssuedInvoice(PaymentsDbContext db, IMediator mediator, IServiceScopeFactory scopes) : IEventBatchHandler<InvoiceIssued>
{
    /// <summary>
    /// Collections of a batch running at once (issue 21): each is a claim, a gateway call and a recording transaction,
    /// so side by side their commits share fsyncs and their gateway calls overlap, where one by one each waited for its own.
    /// </summary>
    private const int Concurrency = 8;

    public async Task Handle(InvoiceIssued notification, CancellationToken cancellationToken)
    {
        if (notification.TotalMinor > 0 && await db.PaymentMethods.AnyAsync(m => m.AccountCode == notification.AccountCode, cancellationToken))
        {
            await mediator.Send(new CollectInvoice(notification.InvoiceNumber), cancellationToken);
        }
    }

    /// <summary>A bill run's invoices: one look-up of the accounts with a payment method, then the collections, a few at a time.</summary>
    public async Task HandleAsync(IReadOnlyList<InvoiceIssued> integrationEvents, CancellationToken cancellationToken)
    {
        var payable = integrationEvents.Where(e => e.TotalMinor > 0).ToList();
        var accounts = payable.Select(e => e.AccountCode).Distinct().ToList();
        var withMethod = (await db.PaymentMethods.AsNoTracking()
            .Where(m => EF.Parameter(accounts).Contains(m.AccountCode))
            .Select(m => m.AccountCode)
            .ToListAsync(cancellationToken)).ToHashSet();
        await Parallel.ForEachAsync(
            payable.Where(e => withMethod.Contains(e.AccountCode)),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (issued, token) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CollectInvoice(issued.InvoiceNumber), token);
            });
    }
}
