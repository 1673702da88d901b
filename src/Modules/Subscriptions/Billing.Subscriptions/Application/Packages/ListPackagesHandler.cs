using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Packages;

internal sealed class ListPackagesHandler(SubscriptionsDbContext db) : IRequestHandler<ListPackages, Result<IReadOnlyList<PackageDto>>>
{
    public async Task<Result<IReadOnlyList<PackageDto>>> Handle(ListPackages request, CancellationToken cancellationToken) =>
        (await db.Packages.AsNoTracking().OrderBy(p => p.Code).ToListAsync(cancellationToken)).Select(p => p.ToDto()).ToList();
}
