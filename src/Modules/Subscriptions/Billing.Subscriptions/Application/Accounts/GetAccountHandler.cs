using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;

namespace Billing.Subscriptions.Application.Accounts;

internal sealed class GetAccountHandler(SubscriptionsDbContext db, IMediator mediator) : IRequestHandler<GetAccount, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(GetAccount request, CancellationToken cancellationToken)
    {
        if (await db.AccountAsync(request.Code, cancellationToken) is not { } account)
        {
            return SubscriptionErrors.AccountNotFound(request.Code);
        }

        if (!request.WithCredit)
        {
            return account.ToDto();
        }

        var credit = await mediator.Send(new GetCreditBalances(request.Code), cancellationToken);
        return credit.IsSuccess ? account.ToDto() with { CreditBalances = credit.Value } : credit.Error;
    }
}
