using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.ReadSubscription;

internal sealed class GetSubscriptionHandler(SubscriptionsDbContext db) : IRequestHandler<GetSubscription, Result<SubscriptionDto>>
{
    public async Task<Result<SubscriptionDto>> Handle(GetSubscription request, CancellationToken cancellationToken) =>
        await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken) is { } subscription
            ? subscription.ToDto()
            : SubscriptionErrors.NotFound(request.Id);
}
