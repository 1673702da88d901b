using Billing.Coupons.Contracts;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Queries;

internal sealed class ListAccountRedemptionsHandler(CouponsDbContext db, IMediator mediator) : IRequestHandler<ListAccountRedemptions, Result<IReadOnlyList<RedemptionDto>>>
{
    public async Task<Result<IReadOnlyList<RedemptionDto>>> Handle(ListAccountRedemptions request, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccount(request.AccountCode), cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error;
        }

        var redemptions = await db.Redemptions.AsNoTracking()
            .Where(r => r.AccountCode == request.AccountCode)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Sequence)
            .ToListAsync(cancellationToken);
        return redemptions.Select(r => r.ToDto()).ToList();
    }
}
