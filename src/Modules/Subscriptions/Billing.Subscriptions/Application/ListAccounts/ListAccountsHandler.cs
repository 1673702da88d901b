using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.ListAccounts;

internal sealed class ListAccountsHandler(SubscriptionsDbContext db) : IRequestHandler<Contracts.ListAccounts, Result<IReadOnlyList<AccountDto>>>
{
    public async Task<Result<IReadOnlyList<AccountDto>>> Handle(Contracts.ListAccounts request, CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        return accounts.OrderBy(a => a.CreatedAt).ThenBy(a => a.Code, StringComparer.Ordinal).Select(a => a.ToDto()).ToList();
    }
}
