using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.ListRedemptions;

internal sealed class PageAccountRedemptionsValidator : AbstractValidator<PageAccountRedemptions>
{
    public PageAccountRedemptionsValidator() =>
        RuleFor(q => q.State).Must(s => Wire<RedemptionState>.TryParse(s, out _)).WithMessage("state must be active or inactive.")
            .When(q => q.State is not null);
}

/// <summary>An account's redemptions page by page on the (account_code, sequence) index; the page's window (created range, ids) filters the account's rows in SQL.</summary>
internal sealed class PageAccountRedemptionsHandler(CouponsDbContext db, IMediator mediator) : IRequestHandler<PageAccountRedemptions, Result<Page<RedemptionDto>>>
{
    public async Task<Result<Page<RedemptionDto>>> Handle(PageAccountRedemptions request, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccount(request.AccountCode), cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error;
        }

        var redemptions = db.Redemptions.AsNoTracking().Where(r => r.AccountCode == request.AccountCode);
        if (request.State is not null)
        {
            var state = Wire<RedemptionState>.Parse(request.State);
            redemptions = redemptions.Where(r => r.State == state);
        }

        if (request.SubscriptionId is { } subscriptionId)
        {
            redemptions = redemptions.Where(r => r.SubscriptionId == subscriptionId);
        }

        return await redemptions.Created(request.Page, r => r.CreatedAt).Keyed(request.Page, r => r.Id)
            .ToPageAsync(request.Page, r => r.Sequence, r => r.ToDto(), newestFirst: false, cancellationToken);
    }
}
