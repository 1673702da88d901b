using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.CouponRedemption;

/// <summary>
/// R1–R2: redeems a coupon code or a bulk coupon's unique code. The code, the coupon's terms, the account, the
/// subscription and the settings are read first, outside the write lock; then one write transaction in which every
/// limit is a guarded write — the coupon counter (max_redemptions, and still redeemable), the account counter
/// (max_redemptions_per_account), the unique code's state — so limits hold under any concurrency whatever was read
/// before, and the redemption that reaches the cap expires the coupon (C13) and publishes <c>CouponExpired</c> after its
/// <c>CouponRedeemed</c>, in the same transaction.
/// </summary>
internal sealed class RedeemCouponHandler(CouponsDbContext db, DbSession session, IMediator mediator, TimeProvider clock)
    : IRequestHandler<RedeemCoupon, Result<RedemptionDto>>
{
    public async Task<Result<RedemptionDto>> Handle(RedeemCoupon request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var target = await CouponCodes.ResolveAsync(db, request.CouponCode, cancellationToken);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        var (coupon, uniqueCode) = target.Value;
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
            if (Redemption.WouldDiscountNothing(request.Currency, [subscription.Value.Currency]))
            {
                return CouponErrors.CurrencyNotBilled(request.Currency, $"subscription '{subscriptionId}' bills in {subscription.Value.Currency}");
            }
        }
        else
        {
            var billed = await mediator.Send(new GetAccountBillingCurrencies(request.AccountCode), cancellationToken);
            if (!billed.IsSuccess)
            {
                return billed.Error;
            }

            if (Redemption.CurrencyRefusal(request.Currency, request.AccountCode, billed.Value) is { } notBilled)
            {
                return notBilled;
            }
        }

        var settings = await db.SettingsAsync(cancellationToken);
        return await session.InTransactionAsync(
            () => RedeemAsync(request, coupon, uniqueCode, subscriptionId, settings.MultipleCouponsPerAccount, now, cancellationToken),
            result => result.IsSuccess);
    }

    private async Task<Result<RedemptionDto>> RedeemAsync(
        RedeemCoupon request,
        Coupon coupon,
        UniqueCode? uniqueCode,
        string? subscriptionId,
        bool multipleCouponsPerAccount,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!await session.TryCountAccountRedemptionAsync(coupon.Id, request.AccountCode, coupon.MaxRedemptionsPerAccount, cancellationToken))
        {
            return CouponErrors.AccountCapReached(request.AccountCode, coupon.Code, coupon.MaxRedemptionsPerAccount);
        }

        if (!await TryCountRedemptionAsync(coupon.Id, now, cancellationToken))
        {
            // The coupon changed since it was read, outside the lock: answer with what it is now (expired by an
            // admin, or at its cap), read in this transaction, not with a cap the coupon may not have.
            var current = await db.Coupons.AsNoTracking().SingleAsync(c => c.Id == coupon.Id, cancellationToken);
            return current.RefusalFor(request.Currency, now)
                ?? CouponErrors.MaxRedemptionsReached(coupon.Code);
        }

        string redemptionId = Ids.New("red");
        if (uniqueCode is not null && !await TryUseUniqueCodeAsync(uniqueCode.NormalizedCode, redemptionId, now, cancellationToken))
        {
            return CouponCodes.Unknown(request.CouponCode);
        }

        if (!multipleCouponsPerAccount)
        {
            await ReplacePreviousRedemptionAsync(request.AccountCode, coupon.RedemptionResource, subscriptionId, now, cancellationToken);
        }

        bool onePerAccount = coupon.IsOncePerAccount;
        if (Redemption.CanBeBlocked(coupon)
            && await db.Redemptions.AnyAsync(Redemption.Blocking(coupon, request.AccountCode, subscriptionId, multipleCouponsPerAccount), cancellationToken))
        {
            return AlreadyActive(request.AccountCode, coupon);
        }

        var redemption = new Redemption
        {
            Id = redemptionId,
            CouponId = coupon.Id,
            Code = uniqueCode?.Code ?? coupon.Code,
            AccountCode = request.AccountCode,
            SubscriptionId = subscriptionId,
            Level = coupon.RedemptionResource,
            Currency = request.Currency,
            State = RedemptionState.Active,
            EndsAt = coupon.DurationEndsAt(now),
            CreatedAt = now,
            Sequence = await session.NextRedemptionSequenceAsync(cancellationToken),
            OnePerAccount = onePerAccount,
        };
        if (!await session.TryInsertRedemptionAsync(redemption, cancellationToken))
        {
            // The partial unique index refused a second active redemption that a concurrent transaction committed
            // after the check above (PostgreSQL at READ COMMITTED); the transaction is rolled back.
            return onePerAccount
                ? AlreadyActive(request.AccountCode, coupon)
                : throw new InvalidOperationException($"A unique index refused redemption {redemption.Id} of coupon {coupon.Code}.");
        }

        List<IIntegrationEvent> events = [new CouponRedeemed(Guid.NewGuid(), now, redemption.Id, coupon.Id, redemption.Code, redemption.AccountCode, subscriptionId, redemption.Currency)];
        if (await db.ExpiredCouponAsync(coupon.Id, cancellationToken) is { } expired)
        {
            // C10, C13: the guarded update counted only a redeemable coupon, and its row is this transaction's until
            // commit, so an expired coupon read here is one this redemption expired (reason max_redemptions).
            events.Add(new CouponExpired(Guid.NewGuid(), now, expired.ToSnapshot()));
        }

        db.StoreEvents(events);
        return redemption.ToDto();
    }

    /// <summary>Issue 25 item 2, C6: the refusal of <see cref="Redemption.Blocking"/>.</summary>
    private static Error AlreadyActive(string accountCode, Coupon coupon) =>
        CouponErrors.ActiveRedemptionOnAccount(accountCode, coupon.Code);

    private async Task<Result<SubscriptionDto>> SubscriptionOf(RedeemCoupon request, Coupon coupon, CancellationToken cancellationToken)
    {
        if (request.SubscriptionId is null)
        {
            return CouponErrors.SubscriptionRequired(coupon.Code);
        }

        var subscription = await mediator.Send(new GetSubscription(request.SubscriptionId), cancellationToken);
        if (!subscription.IsSuccess)
        {
            return subscription.Error;
        }

        if (subscription.Value.AccountCode != request.AccountCode)
        {
            return CouponErrors.SubscriptionNotOnAccount(request.SubscriptionId, request.AccountCode);
        }

        if (subscription.Value.State is not ("active" or "in_trial"))
        {
            return CouponErrors.SubscriptionNotActive(request.SubscriptionId, subscription.Value.State);
        }

        if (!coupon.IsEligibleFor(subscription.Value.PlanCode))
        {
            return CouponErrors.PlanNotEligible(coupon.Code, subscription.Value.PlanCode);
        }

        return subscription.Value;
    }

    /// <summary>
    /// The guarded update of R2: counts the redemption only while the coupon is redeemable and under its cap, and the
    /// redemption that reaches the cap expires the coupon (C13) — both conditions as <see cref="Coupon"/> states them.
    /// </summary>
    private async Task<bool> TryCountRedemptionAsync(string couponId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Coupons
            .Where(c => c.Id == couponId)
            .Where(Coupon.CanCountRedemption)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(c => c.TimesRedeemed, c => c.TimesRedeemed + 1)
                    .SetProperty(c => c.State, Coupon.StateAfterCountedRedemption)
                    .SetProperty(c => c.ExpireReason, Coupon.ExpireReasonAfterCountedRedemption)
                    .SetProperty(c => c.ExpiredAt, Coupon.ExpiredAtAfterCountedRedemption(now)),
                cancellationToken) == 1;

    /// <summary>C16: a unique code is used by one guarded update, so it is redeemed at most once.</summary>
    private async Task<bool> TryUseUniqueCodeAsync(string normalizedCode, string redemptionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.UniqueCodes
            .Where(u => u.NormalizedCode == normalizedCode && u.State == UniqueCodeState.Redeemable)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(u => u.State, UniqueCodeState.Redeemed)
                    .SetProperty(u => u.RedemptionId, redemptionId)
                    .SetProperty(u => u.RedeemedAt, now),
                cancellationToken) == 1;

    /// <summary>
    /// C17: with one coupon per account, a new account-level redemption replaces the active one; a
    /// subscription carries one subscription-level coupon at a time.
    /// </summary>
    private async Task ReplacePreviousRedemptionAsync(string accountCode, RedemptionResource level, string? subscriptionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = await db.Redemptions
            .Where(r => r.AccountCode == accountCode && r.State == RedemptionState.Active && r.Level == level && r.SubscriptionId == subscriptionId)
            .ToListAsync(cancellationToken);
        foreach (var redemption in previous)
        {
            redemption.Deactivate(InactiveReason.Removed, now);
        }

        // Written before the new redemption is checked and inserted: replacing an active redemption of the same coupon
        // frees its place in the one-active-per-account index.
        await db.SaveChangesAsync(cancellationToken);
    }
}
