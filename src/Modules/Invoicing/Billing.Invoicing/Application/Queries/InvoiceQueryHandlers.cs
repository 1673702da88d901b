using System.Globalization;
using Billing.Invoicing.Application.Rendering;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Queries;

/// <summary>One not-found answer for any invoice number that names no invoice, whatever its form (issue 14).</summary>
internal static class InvoiceNumbers
{
    public static async Task<Result<Invoice>> FindAsync(this InvoicingDbContext db, string number, CancellationToken cancellationToken) =>
        long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed)
        && await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Number == parsed, cancellationToken) is { } invoice
            ? invoice
            : Error.NotFound("invoice_not_found", $"No invoice has the number '{number}'.");
}

internal sealed class GetInvoiceHandler(InvoicingDbContext db) : IRequestHandler<GetInvoice, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(GetInvoice request, CancellationToken cancellationToken) =>
        (await db.FindAsync(request.Number, cancellationToken)).Map(invoice => invoice.ToDto());
}

internal sealed class RenderInvoiceTextHandler(InvoicingDbContext db) : IRequestHandler<RenderInvoiceText, Result<string>>
{
    public async Task<Result<string>> Handle(RenderInvoiceText request, CancellationToken cancellationToken) =>
        (await db.FindAsync(request.Number, cancellationToken)).Map(InvoiceTextRenderer.Render);
}

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
