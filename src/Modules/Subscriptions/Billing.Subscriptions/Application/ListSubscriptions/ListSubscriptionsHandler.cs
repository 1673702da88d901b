using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.ListSubscriptions;

internal sealed class ListSubscriptionsHandler(SubscriptionsDbContext db) : IRequestHandler<Contracts.ListSubscriptions, Result<IReadOnlyList<SubscriptionDto>>>
{
    public async Task<Result<IReadOnlyList<SubscriptionDto>>> Handle(Contracts.ListSubscriptions request, CancellationToken cancellationToken)
    {
        var query = db.Subscriptions.AsNoTracking();
        if (request.AccountCode is { } code)
        {
            if (await db.AccountAsync(code, cancellationToken) is null)
            {
                return Error.NotFound("account_not_found", $"No account has the code '{code}'.");
            }

            query = query.Where(s => s.AccountCode == code);
        }

        var subscriptions = await query.ToListAsync(cancellationToken);
        return subscriptions.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => s.ToDto()).ToList();
    }
}
