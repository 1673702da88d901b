using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Accounts;

internal sealed class GetAccountBillingCurrenciesHandler(SubscriptionsDbContext db)
    : IRequestHandler<GetAccountBillingCurrencies, Result<IReadOnlyList<string>>>
{
    public async Task<Result<IReadOnlyList<string>>> Handle(GetAccountBillingCurrencies request, CancellationToken cancellationToken)
    {
        var currencies = await db.Subscriptions.AsNoTracking()
            .Where(s => s.AccountCode == request.AccountCode && (s.State == SubscriptionState.Active || s.State == SubscriptionState.InTrial))
            .Select(s => s.Currency)
            .Distinct()
            .ToListAsync(cancellationToken);
        return currencies.Order(StringComparer.Ordinal).ToList();
    }
}
