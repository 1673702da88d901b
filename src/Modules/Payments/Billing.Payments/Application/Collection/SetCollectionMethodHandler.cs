using Billing.Payments.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using FluentValidation;
using MediatR;

namespace Billing.Payments.Application.Collection;

internal sealed class SetCollectionMethodValidator : AbstractValidator<SetCollectionMethod>
{
    public SetCollectionMethodValidator() =>
        RuleFor(c => c.CollectionMethod)
            .NotEmpty().WithMessage("collection_method is required.")
            .Must(m => Wire<CollectionMethod>.TryParse(m, out _)).WithMessage("collection_method must be automatic or manual (P2).");
}

/// <summary>
/// P2: the account (Subscriptions') keeps its collection method; turning it to automatic then collects what the account
/// owes, as a new card does (P3).
/// </summary>
internal sealed class SetCollectionMethodHandler(IMediator mediator, Collector collector) : IRequestHandler<SetCollectionMethod, Result<AccountDto>>
{
    public async Task<Result<AccountDto>> Handle(SetCollectionMethod request, CancellationToken cancellationToken)
    {
        var method = Wire<CollectionMethod>.Parse(request.CollectionMethod!);
        var changed = await mediator.Send(new ChangeAccountCollectionMethod(request.AccountCode, method), cancellationToken);
        if (changed.IsSuccess && method == CollectionMethod.Automatic)
        {
            await collector.CollectOpenInvoicesAsync(request.AccountCode, cancellationToken);
        }

        return changed;
    }
}
