using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Credits;

internal sealed class ListCreditLedgerHandler(InvoicingDbContext db, IMediator mediator) : IRequestHandler<ListCreditLedger, Result<IReadOnlyList<CreditLedgerEntryDto>>>
{
    public async Task<Result<IReadOnlyList<CreditLedgerEntryDto>>> Handle(ListCreditLedger request, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccount(request.AccountCode), cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error;
        }

        var entries = await db.CreditLedger.AsNoTracking()
            .Where(e => e.AccountCode == request.AccountCode)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return entries.Select(e =>
        {
            var currency = Currency.Of(e.Currency);
            return new CreditLedgerEntryDto(e.Currency, new Money(e.Amount, currency).ToMajor(), e.Reason, e.InvoiceNumber, new Money(e.BalanceAfter, currency).ToMajor(), e.CreatedAt);
        }).ToList();
    }
}
