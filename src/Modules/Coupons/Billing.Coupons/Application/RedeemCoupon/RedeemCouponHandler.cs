using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.RedeemCoupon;

/// <summary>
/// R1–R2: redeems a code. The counter is raised by one guarded UPDATE in the command's transaction, so
/// max_redemptions holds under any concurrency; the redemption that reaches the cap expires the coupon (C13).
/// </summary>
internal sealed class RedeemCouponHandler(CouponsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<Contracts.RedeemCoupon, Result<RedemptionDto>>
{
    public async Task<Result<RedemptionDto>> Handle(Contracts.RedeemCoupon request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string normalized = Coupon.Normalize(request.CouponCode);
        var coupon = await db.Coupons
            .Where(c => c.NormalizedCode == normalized)
            .OrderBy(c => c.State == CouponState.Redeemable ? 0 : 1)
            .ThenByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (coupon is null)
        {
            return Error.NotFound("coupon_not_found", $"No coupon has the code '{request.CouponCode}'.");
        }

        if (coupon.RefusalFor(request.Currency, now) is { } refusal)
        {
            return refusal;
        }

        var account = await mediator.Send(new GetAccount(request.AccountCode), cancellationToken);
        if (!account.IsSuccess)
        {
            return account.Error;
        }

        string? subscriptionId = null;
        if (coupon.RedemptionResource == RedemptionResource.Subscription)
        {
            var subscription = await SubscriptionOf(request, coupon, cancellationToken);
            if (!subscription.IsSuccess)
            {
                return subscription.Error;
            }

            subscriptionId = subscription.Value.Id;
        }

        if (coupon.MaxRedemptionsPerAccount is { } perAccount
            && await db.Redemptions.CountAsync(r => r.CouponId == coupon.Id && r.AccountCode == request.AccountCode, cancellationToken) >= perAccount)
        {
            return Error.Rule("max_redemptions_per_account_reached", $"Account '{request.AccountCode}' has already redeemed coupon '{coupon.Code}' {perAccount} time(s).");
        }

        if (!await TryCountRedemptionAsync(coupon.Id, now, cancellationToken))
        {
            return Error.Rule("max_redemptions_reached", $"Coupon '{coupon.Code}' has reached its maximum number of redemptions.");
        }

        await ReplacePreviousRedemptionAsync(request.AccountCode, coupon.RedemptionResource, subscriptionId, now, cancellationToken);
        var redemption = new Redemption
        {
            Id = Ids.New("red"),
            CouponId = coupon.Id,
            Code = coupon.Code,
            AccountCode = request.AccountCode,
            SubscriptionId = subscriptionId,
            Level = coupon.RedemptionResource,
            Currency = request.Currency,
            State = RedemptionState.Active,
            EndsAt = coupon.DurationEndsAt(now),
            CreatedAt = now,
        };
        db.Redemptions.Add(redemption);
        db.Publish(new CouponRedeemed(Guid.NewGuid(), now, redemption.Id, coupon.Id, coupon.Code, redemption.AccountCode, subscriptionId, redemption.Currency));
        await db.SaveChangesAsync(cancellationToken);
        return redemption.ToDto();
    }

    private async Task<Result<SubscriptionDto>> SubscriptionOf(Contracts.RedeemCoupon request, Coupon coupon, CancellationToken cancellationToken)
    {
        if (request.SubscriptionId is null)
        {
            return Error.Rule("subscription_required", $"Coupon '{coupon.Code}' is subscription-level: name the subscription it discounts (C8).");
        }

        var subscription = await mediator.Send(new GetSubscription(request.SubscriptionId), cancellationToken);
        if (!subscription.IsSuccess)
        {
            return subscription.Error;
        }

        if (subscription.Value.AccountCode != request.AccountCode)
        {
            return Error.Rule("subscription_not_on_account", $"Subscription '{request.SubscriptionId}' does not belong to account '{request.AccountCode}'.");
        }

        if (!coupon.IsEligibleFor(subscription.Value.PlanCode))
        {
            return Error.Rule("plan_not_eligible", $"Coupon '{coupon.Code}' does not apply to plan '{subscription.Value.PlanCode}' (C7).");
        }

        return subscription.Value;
    }

    /// <summary>The guarded update of R2: counts the redemption only while the coupon is redeemable and under its cap.</summary>
    private async Task<bool> TryCountRedemptionAsync(string couponId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Coupons
            .Where(c => c.Id == couponId && c.State == CouponState.Redeemable && (c.MaxRedemptions == null || c.TimesRedeemed < c.MaxRedemptions))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(c => c.TimesRedeemed, c => c.TimesRedeemed + 1)
                    .SetProperty(c => c.State, c => c.MaxRedemptions != null && c.TimesRedeemed + 1 >= c.MaxRedemptions ? CouponState.Expired : c.State)
                    .SetProperty(c => c.ExpireReason, c => c.MaxRedemptions != null && c.TimesRedeemed + 1 >= c.MaxRedemptions ? ExpireReason.MaxRedemptions : c.ExpireReason)
                    .SetProperty(c => c.ExpiredAt, c => c.MaxRedemptions != null && c.TimesRedeemed + 1 >= c.MaxRedemptions ? now : c.ExpiredAt),
                cancellationToken) == 1;

    /// <summary>
    /// C17: with one coupon per account, a new account-level redemption replaces the active one; a
    /// subscription carries one subscription-level coupon at a time.
    /// </summary>
    private async Task ReplacePreviousRedemptionAsync(string accountCode, RedemptionResource level, string? subscriptionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.SingleAsync(cancellationToken);
        if (settings.MultipleCouponsPerAccount)
        {
            return;
        }

        var previous = await db.Redemptions
            .Where(r => r.AccountCode == accountCode && r.State == RedemptionState.Active && r.Level == level && r.SubscriptionId == subscriptionId)
            .ToListAsync(cancellationToken);
        foreach (var redemption in previous)
        {
            redemption.Deactivate(InactiveReason.Removed, now);
        }
    }
}
