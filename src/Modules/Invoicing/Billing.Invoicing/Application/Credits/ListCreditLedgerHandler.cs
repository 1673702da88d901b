using Billing.BuildingBlocks.Persistence;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Credits;

/// <summary>P5: an account's ledger, paged as a seek on the (AccountCode, Id) index (issue 16).</summary>
internal sealed class ListCreditLedgerHandler(InvoicingDbContext db, IMediator mediator) : IRequestHandler<ListCreditLedger, Result<Page<CreditLedgerEntryDto>>>
{
    public async Task<Result<Page<CreditLedgerEntryDto>>> Handle(ListCreditLedger request, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccount(request.AccountCode), cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error;
        }

        return await db.CreditLedger.AsNoTracking()
            .Where(e => e.AccountCode == request.AccountCode)
            .ToPageAsync(
                request.Page,
                e => e.Id,
                e =>
                {
                    var currency = Currency.Of(e.Currency);
                    return new CreditLedgerEntryDto(e.Currency, new Money(e.Amount, currency).ToMajor(), e.Reason, e.InvoiceNumber, new Money(e.BalanceAfter, currency).ToMajor(), e.CreatedAt);
                },
                newestFirst: false,
                cancellationToken);
    }
}
