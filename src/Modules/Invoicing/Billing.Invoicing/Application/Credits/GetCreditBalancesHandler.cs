using Billing.Invoicing.Contracts;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Credits;

internal sealed class GetCreditBalancesHandler(InvoicingDbContext db) : IRequestHandler<GetCreditBalances, Result<IReadOnlyList<CreditBalanceDto>>>
{
    public async Task<Result<IReadOnlyList<CreditBalanceDto>>> Handle(GetCreditBalances request, CancellationToken cancellationToken)
    {
        var balances = await db.CreditBalances.AsNoTracking()
            .Where(b => b.AccountCode == request.AccountCode)
            .OrderBy(b => b.Currency)
            .ToListAsync(cancellationToken);
        return balances.Select(b => new CreditBalanceDto(b.Currency, new Money(b.Balance, Currency.Of(b.Currency)).ToMajor())).ToList();
    }
}
