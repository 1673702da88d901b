using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.Preview;

/// <summary>
/// I7: answers the terms a coupon code would give a would-be purchase, after the refusals redemption would make
/// (R1), reading only: the counters that enforce the limits are compared, never written. For an existing account that
/// includes the account's own limits — its cap, an active redemption of the coupon that the new one would not replace
/// (<see cref="Redemption.Blocking"/>) and, for a package, the currencies it bills in — so that a checkout refuses
/// them before the card is charged (issue 18), with the conditions the redemption's write checks again.
/// </summary>
internal sealed class PreviewCouponHandler(CouponsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<PreviewCoupon, Result<CouponPreview>>
{
    public async Task<Result<CouponPreview>> Handle(PreviewCoupon request, CancellationToken cancellationToken)
    {
        var target = await CouponCodes.ResolveAsync(db, request.Code, cancellationToken);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        var (coupon, _) = target.Value;
        if (coupon.RefusalFor(request.Currency, clock.GetUtcNow()) is { } refusal)
        {
            return refusal;
        }

        var settings = await db.SettingsAsync(cancellationToken);
        if (request.PackageCode is { } packageCode)
        {
            if (coupon.RefusalForOneTimeCharge(packageCode, settings.OneTimeChargesDiscountable) is { } notEligible)
            {
                return notEligible;
            }
        }
        else if (!coupon.IsEligibleFor(request.PlanCode))
        {
            return CouponErrors.PlanNotEligible(coupon.Code, request.PlanCode!);
        }

        if (request.AccountCode is not null)
        {
            var account = await mediator.Send(new GetAccount(request.AccountCode), cancellationToken);
            if (!account.IsSuccess)
            {
                return account.Error;
            }

            if (coupon.MaxRedemptionsPerAccount is { } cap
                && await db.AccountRedemptionCounts.AsNoTracking().AnyAsync(c => c.CouponId == coupon.Id && c.AccountCode == request.AccountCode && c.Redemptions >= cap, cancellationToken))
            {
                return CouponErrors.AccountCapReached(request.AccountCode, coupon.Code, cap);
            }

            if (await db.Redemptions.AsNoTracking().AnyAsync(Redemption.Blocking(coupon, request.AccountCode, null, settings.MultipleCouponsPerAccount), cancellationToken))
            {
                return CouponErrors.ActiveRedemptionOnAccount(request.AccountCode, coupon.Code);
            }

            if (request.PackageCode is not null && await BillsOnlyInOthersAsync(request.AccountCode, request.Currency, cancellationToken) is { } notBilled)
            {
                return notBilled;
            }
        }

        return new CouponPreview(
            settings.MultipleCouponsPerAccount,
            new StackingSettings(settings.OneTimeChargesDiscountable, settings.StackingOrder, settings.PercentMode),
            coupon.Id,
            coupon.Code,
            coupon.RedemptionResource,
            coupon.DiscountType,
            coupon.Percent,
            coupon.DiscountType == DiscountType.Fixed ? coupon.FixedAmounts[request.Currency] : null,
            coupon.NonPlanCharges,
            coupon.InvoiceDescription);
    }

    /// <summary>
    /// R1 for a package's account-level redemption: a plan's is made on the new subscription, which bills in the
    /// currency, but a package adds no subscription, so the account's are all that bill.
    /// </summary>
    private async Task<Error?> BillsOnlyInOthersAsync(string accountCode, string currency, CancellationToken cancellationToken)
    {
        var billed = await mediator.Send(new GetAccountBillingCurrencies(accountCode), cancellationToken);
        if (!billed.IsSuccess)
        {
            return billed.Error;
        }

        return Redemption.CurrencyRefusal(currency, accountCode, billed.Value);
    }
}
