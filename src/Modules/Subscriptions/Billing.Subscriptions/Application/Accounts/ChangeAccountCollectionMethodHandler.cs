using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Accounts;

internal sealed class ChangeAccountCollectionMethodHandler(SubscriptionsDbContext db) : IRequestHandler<ChangeAccountCollectionMethod, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(ChangeAccountCollectionMethod request, CancellationToken cancellationToken)
    {
        if (await db.Accounts.FirstOrDefaultAsync(a => a.Code == request.AccountCode, cancellationToken) is not { } account)
        {
            return SubscriptionErrors.AccountNotFound(request.AccountCode);
        }

        account.ChangeCollectionMethod(request.CollectionMethod);
        await db.SaveChangesAsync(cancellationToken);
        return account.ToDto();
    }
}
