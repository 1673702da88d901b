using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Packages;

/// <summary>Packages page by page on the (created_at, code) index.</summary>
internal sealed class ListPackagesHandler(SubscriptionsDbContext db) : IRequestHandler<ListPackages, Result<Page<PackageDto>>>
{
    public Task<Result<Page<PackageDto>>> Handle(ListPackages request, CancellationToken cancellationToken) =>
        db.Packages.AsNoTracking().ToPageAsync(request.Page, p => p.CreatedAt, p => p.Code, p => p.ToDto(), cancellationToken);
}
