using Billing.Payments.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Payments.Application.Collection;

/// <summary>
/// P2: the account (Subscriptions') keeps its collection method; turning it to automatic then collects what the account
/// owes, as a new card does (P3).
/// </summary>
internal sealed class SetCollectionMethodHandler(IMediator mediator, Collector collector) : IRequestHandler<SetCollectionMethod, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(SetCollectionMethod request, CancellationToken cancellationToken)
    {
        var changed = await mediator.Send(new ChangeAccountCollectionMethod(request.AccountCode, request.CollectionMethod), cancellationToken);
        if (changed.IsSuccess && changed.Value.CollectionMethod == CollectionMethods.Automatic)
        {
            await collector.CollectOpenInvoicesAsync(request.AccountCode, cancellationToken);
        }

        return changed;
    }
}
