using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Packages;

internal sealed class GetPackageHandler(SubscriptionsDbContext db) : IRequestHandler<GetPackage, Result<PackageDto>>
{
    public async Task<Result<PackageDto>> Handle(GetPackage request, CancellationToken cancellationToken) =>
        await db.PackageAsync(request.Code, cancellationToken) is { } package
            ? package.ToDto()
            : SubscriptionErrors.PackageNotFound(request.Code);
}
