using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Plans;

/// <summary>Plans page by page on the (created_at, code) index, which the page's created range seeks; its keys are plan codes (the primary key).</summary>
internal sealed class PagePlansHandler(SubscriptionsDbContext db) : IRequestHandler<PagePlans, Result<Page<PlanDto>>>
{
    public Task<Result<Page<PlanDto>>> Handle(PagePlans request, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().Created(request.Page, p => p.CreatedAt).Keyed(request.Page, p => p.Code).ToPageAsync(request.Page, p => p.CreatedAt, p => p.Code, p => p.ToDto(), cancellationToken);
}
