using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Accounts;

/// <summary>P2 (issue 15): a collected batch's accounts and subscriptions, asked once each (by key lists, only the columns needed).</summary>
internal sealed class GetCollectionTermsHandler(SubscriptionsDbContext db) : IRequestHandler<GetCollectionTerms, Result<CollectionTerms>>
{
    public async Task<Result<CollectionTerms>> Handle(GetCollectionTerms request, CancellationToken cancellationToken)
    {
        var codes = request.AccountCodes.Distinct().ToList();
        var automatic = await db.Accounts.AsNoTracking()
            .Where(a => EF.Parameter(codes).Contains(a.Code) && a.CollectionMethod == CollectionMethod.Automatic)
            .Select(a => a.Code)
            .ToListAsync(cancellationToken);
        var ids = request.SubscriptionIds.Distinct().ToList();
        var external = ids.Count == 0
            ? []
            : await db.Subscriptions.AsNoTracking()
                .Where(s => EF.Parameter(ids).Contains(s.Id))
                .Where(Subscription.PaidExternally)
                .Select(s => s.Id)
                .ToListAsync(cancellationToken);
        return new CollectionTerms(automatic.ToHashSet(StringComparer.Ordinal), external.ToHashSet(StringComparer.Ordinal));
    }
}
