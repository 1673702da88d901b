using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;

namespace Billing.Subscriptions.Application.Plans;

internal sealed class GetPlanHandler(SubscriptionsDbContext db) : IRequestHandler<GetPlan, Result<PlanDto>>
{
    public async Task<Result<PlanDto>> Handle(GetPlan request, CancellationToken cancellationToken) =>
        await db.PlanAsync(request.Code, cancellationToken) is { } plan
            ? plan.ToDto()
            : SubscriptionErrors.PlanNotFound(request.Code);
}
