using Billing.Coupons.Application.CouponCreation;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.CouponRestoration;

internal sealed class RestoreCouponValidator : AbstractValidator<RestoreCoupon>
{
    public RestoreCouponValidator()
    {
        RuleFor(r => r.RedeemBy)
            .Must(r => RedeemByParser.TryParse(r!, TimeZoneInfo.Utc, out _))
            .WithMessage(RedeemByParser.Rule)
            .When(r => r.RedeemBy is not null);
        RuleFor(r => r.MaxRedemptions).GreaterThanOrEqualTo(1).WithMessage("max_redemptions must be at least 1 (C6).");
    }
}

/// <summary>
/// C14: an expired coupon becomes redeemable again — with a later redeem_by or a higher cap when that is
/// why it expired — unless its code now belongs to another redeemable coupon.
/// </summary>
internal sealed class RestoreCouponHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<RestoreCoupon, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(RestoreCoupon request, CancellationToken cancellationToken)
    {
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        if (coupon is null)
        {
            return CouponErrors.NotFound(request.Id);
        }

        if (coupon.State == CouponState.Expired
            && await db.Coupons.AnyAsync(c => c.Id != coupon.Id && c.NormalizedCode == coupon.NormalizedCode && c.State == CouponState.Redeemable, cancellationToken))
        {
            return CouponErrors.CodeTakenMeanwhile(coupon.Code);
        }

        var settings = await db.SettingsAsync(cancellationToken);
        var redeemBy = request.RedeemBy is null ? (DateTimeOffset?)null : RedeemByParser.InSiteZone(request.RedeemBy, settings.TimeZone);
        var now = clock.GetUtcNow();
        if (coupon.Restore(redeemBy, request.MaxRedemptions, now) is { } refused)
        {
            return refused;
        }

        db.Publish(new CouponRestored(Guid.NewGuid(), now, coupon.ToSnapshot()));

        await db.SaveChangesAsync(cancellationToken);
        return await coupon.ToDtoAsync(db, cancellationToken);
    }
}
