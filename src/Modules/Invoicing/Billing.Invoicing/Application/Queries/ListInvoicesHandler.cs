using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Queries;

internal sealed class ListInvoicesHandler(InvoicingDbContext db, IMediator mediator) : IRequestHandler<ListInvoices, Result<IReadOnlyList<InvoiceDto>>>
{
    public async Task<Result<IReadOnlyList<InvoiceDto>>> Handle(ListInvoices request, CancellationToken cancellationToken)
    {
        if (request.AccountCode is not null && await mediator.Send(new GetAccount(request.AccountCode), cancellationToken) is { IsSuccess: false } account)
        {
            return account.Error;
        }

        if (request.SubscriptionId is not null && await mediator.Send(new GetSubscription(request.SubscriptionId), cancellationToken) is { IsSuccess: false } subscription)
        {
            return subscription.Error;
        }

        var query = db.Invoices.AsNoTracking();
        if (request.AccountCode is not null)
        {
            query = query.Where(i => i.AccountCode == request.AccountCode);
        }

        if (request.SubscriptionId is not null)
        {
            query = query.Where(i => i.SubscriptionId == request.SubscriptionId);
        }

        var invoices = await query.OrderBy(i => i.Number).Take(1000).ToListAsync(cancellationToken);
        return invoices.Select(i => i.ToDto()).ToList();
    }
}
