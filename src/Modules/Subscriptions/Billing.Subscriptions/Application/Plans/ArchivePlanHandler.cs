using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Plans;

/// <summary>Issue 16: archives a plan (see <see cref="Domain.Plan.Archive"/>).</summary>
internal sealed class ArchivePlanHandler(SubscriptionsDbContext db, TimeProvider clock) : IRequestHandler<ArchivePlan, Result<PlanDto>>
{
    public async Task<Result<PlanDto>> Handle(ArchivePlan request, CancellationToken cancellationToken)
    {
        if (await db.Plans.FirstOrDefaultAsync(p => p.Code == request.Code, cancellationToken) is not { } plan)
        {
            return SubscriptionErrors.PlanNotFound(request.Code);
        }

        if (plan.Archive(clock.GetUtcNow()) is { } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(cancellationToken);
        return plan.ToDto();
    }
}
