using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Plans;

internal sealed class ListPlansHandler(SubscriptionsDbContext db) : IRequestHandler<ListPlans, Result<IReadOnlyList<PlanDto>>>
{
    public async Task<Result<IReadOnlyList<PlanDto>>> Handle(ListPlans request, CancellationToken cancellationToken) =>
        (await db.Plans.AsNoTracking().OrderBy(p => p.Code).ToListAsync(cancellationToken)).Select(p => p.ToDto()).ToList();
}
