using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Application;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using FluentValidation;

namespace Billing.Coupons;

/// <summary>
/// Issue 21: the physical limit of "a redemption on this machine", for the load test's ceiling endpoint (mapped only
/// when <c>Billing:Benchmarks:CeilingEndpoints</c> is on). It validates the request with <c>RedeemCoupon</c>'s validators, reads the coupon by code and runs the guarded writes of
/// <c>RedeemCoupon</c> — the per-account counter upsert (C6), the coupon counter's guarded update that expires the coupon
/// at its cap (R2, C13), the redemption sequence (C17) and the insert that the one-active-per-account index guards
/// (issue 25 item 2) — as plain statements in one write transaction, behind the same write queue and group commit. It
/// skips what the handler adds: MediatR, EF Core, the outbox event, and the reads of the account, its billed currencies
/// and the settings (it redeems as with <c>multiple_coupons_per_account</c>). Account-level coupons with their own code
/// only: a subscription-level or bulk coupon is refused as the handler would refuse it without a subscription or a
/// unique code.
/// </summary>
internal sealed class RedemptionCeiling(DbSession session, IEnumerable<IValidator<RedeemCoupon>> validators, TimeProvider clock)
{
    public async Task<Result<RedemptionDto>> RedeemAsync(string accountCode, string couponCode, string currency, CancellationToken cancellationToken)
    {
        if (await validators.RefusalAsync(new RedeemCoupon(accountCode, couponCode, currency, SubscriptionId: null), cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var coupon = await session.CouponByCodeAsync(Coupon.Normalize(couponCode), cancellationToken);
        if (coupon is null)
        {
            return CouponCodes.Unknown(couponCode);
        }

        if (coupon.CouponType == CouponType.Bulk)
        {
            return CouponErrors.UniqueCodeRequired(coupon.Code);
        }

        if (coupon.RedemptionResource == RedemptionResource.Subscription)
        {
            return CouponErrors.SubscriptionRequired(coupon.Code);
        }

        return await session.InTransactionAsync(() => RedeemAsync(coupon, accountCode, currency, now, cancellationToken), result => result.IsSuccess);
    }

    private async Task<Result<RedemptionDto>> RedeemAsync(Coupon coupon, string accountCode, string currency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await session.TryCountAccountRedemptionAsync(coupon.Id, accountCode, coupon.MaxRedemptionsPerAccount, cancellationToken))
        {
            return CouponErrors.AccountCapReached(accountCode, coupon.Code, coupon.MaxRedemptionsPerAccount);
        }

        if (!await session.TryCountRedemptionAsync(coupon.Id, now, cancellationToken))
        {
            return CouponErrors.MaxRedemptionsReached(coupon.Code);
        }

        var redemption = new Redemption
        {
            Id = Ids.New("red"),
            CouponId = coupon.Id,
            Code = coupon.Code,
            AccountCode = accountCode,
            Level = coupon.RedemptionResource,
            Currency = currency,
            State = RedemptionState.Active,
            EndsAt = coupon.DurationEndsAt(now),
            CreatedAt = now,
            Sequence = await session.NextRedemptionSequenceAsync(cancellationToken),
            OnePerAccount = coupon.MaxRedemptionsPerAccount is null,
        };
        if (!await session.TryInsertRedemptionAsync(redemption, cancellationToken))
        {
            return CouponErrors.ActiveRedemptionOnAccount(accountCode, coupon.Code);
        }

        return redemption.ToDto();
    }
}
