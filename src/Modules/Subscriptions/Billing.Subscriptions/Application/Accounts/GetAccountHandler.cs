using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using MediatR;

namespace Billing.Subscriptions.Application.Accounts;

internal sealed class GetAccountHandler(SubscriptionsDbContext db) : IRequestHandler<GetAccount, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(GetAccount request, CancellationToken cancellationToken) =>
        await db.AccountAsync(request.Code, cancellationToken) is { } account
            ? account.ToDto()
            : Error.NotFound("account_not_found", $"No account has the code '{request.Code}'.");
}
