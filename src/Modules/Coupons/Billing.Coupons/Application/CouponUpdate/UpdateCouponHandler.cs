using Billing.Coupons.Application.CouponCreation;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.SharedKernel;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Application.CouponUpdate;

internal sealed class UpdateCouponValidator : AbstractValidator<UpdateCoupon>
{
    public UpdateCouponValidator()
    {
        RuleFor(u => u.ImmutableFieldsGiven).Custom((fields, context) =>
        {
            foreach (string field in fields)
            {
                context.AddFailure(field, $"{field} cannot be changed after creation: it would change what active redemptions get (C11).");
            }
        });
        RuleFor(u => u.Name.Value)
            .NotEmpty().WithMessage("name cannot be empty (C3).").MaximumLength(255).Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage)
            .When(u => u.Name.IsSpecified).OverridePropertyName("name");
        RuleFor(u => u.HostedPageDescription.Value).MaximumLength(255).WithMessage("hosted_page_description must be at most 255 characters (C9).").Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage)
            .OverridePropertyName("hosted_page_description");
        RuleFor(u => u.InvoiceDescription.Value).MaximumLength(255).WithMessage("invoice_description must be at most 255 characters (C9).").Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage)
            .OverridePropertyName("invoice_description");
        RuleFor(u => u.Metadata.Value)
            .Must(m => m!.Count <= 50 && m.All(p => p.Key.Length is > 0 and <= 40 && p.Value is not null && p.Value.Length <= 500))
            .WithMessage("metadata holds at most 50 string values, keys of 1–40 characters, values of at most 500 (C9).")
            .When(u => u.Metadata.Value is not null).OverridePropertyName("metadata");
        RuleFor(u => u.MaxRedemptions.Value).GreaterThanOrEqualTo(1).WithMessage("max_redemptions must be at least 1 (C6).")
            .OverridePropertyName("max_redemptions");
        RuleFor(u => u.MaxRedemptionsPerAccount.Value).GreaterThanOrEqualTo(1).WithMessage("max_redemptions_per_account must be at least 1 (C6).")
            .OverridePropertyName("max_redemptions_per_account");
        RuleFor(u => u.RedeemBy.Value)
            .Must(r => RedeemByParser.TryParse(r!, TimeZoneInfo.Utc, out _))
            .WithMessage(RedeemByParser.Rule)
            .When(u => u.RedeemBy.Value is not null).OverridePropertyName("redeem_by");
    }
}

/// <summary>C11: edits a redeemable coupon's name, descriptions, metadata, caps and redeem_by.</summary>
internal sealed class UpdateCouponHandler(CouponsDbContext db, TimeProvider clock) : IRequestHandler<UpdateCoupon, Result<CouponDto>>
{
    public async Task<Result<CouponDto>> Handle(UpdateCoupon request, CancellationToken cancellationToken)
    {
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        if (coupon is null)
        {
            return CouponErrors.NotFound(request.Id);
        }

        if (coupon.State == CouponState.Expired)
        {
            return CouponErrors.ExpiredNotEditable(coupon.Code);
        }

        var now = clock.GetUtcNow();
        if (request.RedeemBy.IsSpecified)
        {
            DateTimeOffset? redeemBy = null;
            if (request.RedeemBy.Value is { } text)
            {
                var settings = await db.SettingsAsync(cancellationToken);
                redeemBy = RedeemByParser.InSiteZone(text, settings.TimeZone);
            }

            if (coupon.ChangeRedeemBy(redeemBy, now) is { } refusedRedeemBy)
            {
                return refusedRedeemBy;
            }
        }

        if (request.MaxRedemptions.IsSpecified && coupon.ChangeMaxRedemptions(request.MaxRedemptions.Value, now) is { } refused)
        {
            return refused;
        }

        coupon.Describe(
            request.Name.Or(coupon.Name)!,
            request.HostedPageDescription.Or(coupon.HostedPageDescription),
            request.InvoiceDescription.Or(coupon.InvoiceDescription),
            request.Metadata.IsSpecified ? new Dictionary<string, string>(request.Metadata.Value ?? []) : coupon.Metadata,
            request.MaxRedemptionsPerAccount.Or(coupon.MaxRedemptionsPerAccount));
        db.Publish(new CouponUpdated(Guid.NewGuid(), now, coupon.ToSnapshot()));
        if (coupon.State == CouponState.Expired)
        {
            // C6: a cap lowered to the redemptions already made expires the coupon.
            db.Publish(new CouponExpired(Guid.NewGuid(), now, coupon.ToSnapshot()));
        }

        await db.SaveChangesAsync(cancellationToken);
        return await coupon.ToDtoAsync(db, cancellationToken);
    }
}
