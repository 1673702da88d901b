using Billing.SharedKernel;
using Billing.Subscriptions.Application.OneTimeCharges;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Packages;

/// <summary>
/// I7, S7: the line a purchase of a package would invoice, as <see cref="ChargeAccountHandler"/> charges it (the package's
/// price in the currency, its name), and the account's tax rate when an account is named. Reads only.
/// </summary>
internal sealed class PricePackageHandler(SubscriptionsDbContext db) : IRequestHandler<PricePackage, Result<PackageCharges>>
{
    public async Task<Result<PackageCharges>> Handle(PricePackage request, CancellationToken cancellationToken)
    {
        decimal taxRate = 0;
        if (request.AccountCode is not null)
        {
            var account = await db.AccountAsync(request.AccountCode, cancellationToken);
            if (account is null)
            {
                return SubscriptionErrors.AccountNotFound(request.AccountCode);
            }

            taxRate = account.TaxRate;
        }

        var package = await db.PackageAsync(request.PackageCode, cancellationToken);
        if (package is null)
        {
            return SubscriptionErrors.PackageNotFound(request.PackageCode);
        }

        if (package.PriceIn(request.Currency) is not { } amount)
        {
            return SubscriptionErrors.PackageNotOfferedIn(package.Code, request.Currency);
        }

        return new PackageCharges(request.AccountCode, request.Currency, taxRate, [OneTimeLines.Of(package.Code, package.Name, amount)]);
    }
}
