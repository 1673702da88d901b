using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.CouponCreation;

internal sealed class CreateCouponHandler(CouponsDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<CreateCoupon, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(CreateCoupon request, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.SingleAsync(cancellationToken);
        string normalized = Coupon.Normalize(request.Code);
        if (await db.Coupons.AnyAsync(c => c.NormalizedCode == normalized && c.State == CouponState.Redeemable, cancellationToken))
        {
            return CouponErrors.CodeTaken(request.Code);
        }

        if (await db.Coupons.AnyAsync(c => c.NormalizedCode == normalized && c.ExpireReason == ExpireReason.RedeemBy, cancellationToken))
        {
            return CouponErrors.CodeOfExpiredCoupon(request.Code);
        }

        if (await db.UniqueCodes.AnyAsync(u => u.NormalizedCode == normalized, cancellationToken))
        {
            return CouponErrors.CodeIsAUniqueCode(request.Code);
        }

        if (request.AppliesTo is { AllPlans: false, PlanCodes: { } planCodes } && await UnknownPlansAsync(planCodes, cancellationToken) is { Count: > 0 } unknown)
        {
            return Error.Validation("applies_to.plan_codes", $"No plan has the code(s) {string.Join(", ", unknown.Select(c => $"'{c}'"))} (C7).");
        }

        var now = clock.GetUtcNow();
        var redeemBy = request.RedeemBy is null ? (DateTimeOffset?)null : RedeemByParser.InSiteZone(request.RedeemBy, settings.TimeZone);
        if (redeemBy <= now)
        {
            return Error.Validation("redeem_by", "redeem_by must be in the future (C6).");
        }

        string id = request.Id ?? Ids.New("coupon");
        if (await db.Coupons.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return CouponErrors.IdTaken(id);
        }

        var discountType = Wire<DiscountType>.Parse(request.Discount.Type);
        var duration = request.Duration ?? DurationSpec.Forever;
        var coupon = new Coupon
        {
            Id = id,
            Code = request.Code,
            NormalizedCode = normalized,
            Name = request.Name,
            DiscountType = discountType,
            Percent = discountType == DiscountType.Percent ? request.Discount.Percent : null,
            FixedAmounts = discountType == DiscountType.Fixed
                ? request.Discount.Amounts!.ToDictionary(a => a.Currency, a => Money.TryFromMajor(a.Amount, Currency.Of(a.Currency), out var m) ? m.Minor : 0)
                : [],
            TrialUnit = discountType == DiscountType.FreeTrial ? Wire<TimeUnit>.Parse(request.Discount.Trial!.Unit) : null,
            TrialLength = discountType == DiscountType.FreeTrial ? request.Discount.Trial!.Length : null,
            DurationType = Wire<DurationType>.Parse(duration.Type),
            DurationAmount = duration.Is(DurationType.Temporal) ? duration.Amount : null,
            DurationUnit = duration.Is(DurationType.Temporal) ? Wire<TimeUnit>.Parse(duration.Unit!) : null,
            DurationPeriods = duration.Is(DurationType.BillingPeriods) ? duration.Periods : null,
            MaxRedemptions = request.MaxRedemptions,
            MaxRedemptionsPerAccount = request.MaxRedemptionsPerAccount,
            RedeemBy = redeemBy,
            AllPlans = request.AppliesTo?.AllPlans ?? true,
            PlanCodes = request.AppliesTo is { AllPlans: false, PlanCodes: { } codes } ? codes.Distinct().ToList() : [],
            NonPlanCharges = request.AppliesTo?.NonPlanCharges ?? false,
            RedemptionResource = request.RedemptionResource is null ? RedemptionResource.Account : Wire<RedemptionResource>.Parse(request.RedemptionResource),
            CouponType = request.CouponType is null ? CouponType.SingleCode : Wire<CouponType>.Parse(request.CouponType),
            UniqueCodeTemplate = request.UniqueCodeTemplate,
            HostedPageDescription = request.HostedPageDescription,
            InvoiceDescription = request.InvoiceDescription,
            Metadata = request.Metadata is null ? [] : new Dictionary<string, string>(request.Metadata),
            State = CouponState.Redeemable,
            CreatedAt = now,
        };
        db.Coupons.Add(coupon);
        db.Publish(new CouponCreated(Guid.NewGuid(), now, coupon.Id, coupon.Code, coupon.Name, Wire<CouponType>.Name(coupon.CouponType)));
        await db.SaveChangesAsync(cancellationToken);
        return coupon.ToDto(uniqueCodesIssued: 0);
    }

    private async Task<IReadOnlyList<string>> UnknownPlansAsync(IReadOnlyList<string> planCodes, CancellationToken cancellationToken)
    {
        var unknown = new List<string>();
        foreach (string code in planCodes.Distinct(StringComparer.Ordinal))
        {
            if (!(await mediator.Send(new GetPlan(code), cancellationToken)).IsSuccess)
            {
                unknown.Add(code);
            }
        }

        return unknown;
    }
}
