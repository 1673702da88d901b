using System.Globalization;
using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.ListInvoices;

internal sealed class PageInvoicesValidator : AbstractValidator<PageInvoices>
{
    public PageInvoicesValidator()
    {
        RuleFor(q => q.Currency).Must(c => Billing.SharedKernel.Currency.TryFind(c, out _))
            .WithMessage("currency must be a supported ISO 4217 code in capitals, such as USD.").When(q => q.Currency is not null);
        RuleFor(q => q.Page.Created).ValidCreatedRange();
    }
}

/// <summary>
/// Invoices page by page on their number (the primary key), by account or by subscription on (filter, number) indexes;
/// the page's window filters those rows in SQL (its keys are invoice numbers), an account's creation window on the
/// (account, created_at, number) index.
/// </summary>
internal sealed class PageInvoicesHandler(InvoicingDbContext db, IMediator mediator) : IRequestHandler<PageInvoices, Result<Page<InvoiceDto>>>
{
    public async Task<Result<Page<InvoiceDto>>> Handle(PageInvoices request, CancellationToken cancellationToken)
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
        if (request.AccountCode is { } accountCode)
        {
            query = query.Where(i => i.AccountCode == accountCode);
        }

        if (request.SubscriptionId is { } subscriptionId)
        {
            query = query.Where(i => i.SubscriptionId == subscriptionId);
        }

        if (request.State is { } state)
        {
            string stored = Wire<InvoiceState>.Name(state);
            query = query.Where(i => i.State == stored);
        }

        if (request.Currency is { } currency)
        {
            query = query.Where(i => i.Currency == currency);
        }

        if (request.Settled is { } settled)
        {
            query = settled
                ? query.Where(i => i.State == Invoice.Paid || (i.State == Invoice.Pending && i.Total == 0))
                : query.Where(i => i.State != Invoice.Paid && (i.State != Invoice.Pending || i.Total != 0));
        }

        query = query.Created(request.Page, i => i.CreatedAt)
            .Keyed(request.Page, i => i.Number, k => long.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out long number) ? [number] : []);
        return await query.ToPageAsync(request.Page, i => i.Number, i => i.ToDto(), newestFirst: false, cancellationToken);
    }
}
