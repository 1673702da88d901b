using Billing.Coupons.Contracts;
using Billing.SharedKernel;
using FluentValidation;

namespace Billing.Coupons.Application.CouponRedemption;

internal sealed class RedeemCouponValidator : AbstractValidator<RedeemCoupon>
{
    public RedeemCouponValidator()
    {
        RuleFor(r => r.AccountCode).NotEmpty().MaximumLength(50).Matches(Grammar.AccountCode);
        RuleFor(r => r.CouponCode)
            .NotEmpty().WithMessage("coupon_code is required.")
            .MaximumLength(50).WithMessage("coupon_code must be at most 50 characters (C1).")
            .Matches(@"^[A-Za-z0-9_+-]+\z").WithMessage("coupon_code may contain only letters, digits, '-', '_' and '+' (C1).");
        RuleFor(r => r.Currency)
            .Must(c => Currency.TryFind(c, out _)).WithMessage("currency must be a supported ISO 4217 code such as USD.");
        RuleFor(r => r.SubscriptionId).MaximumLength(64).Matches(Grammar.Id).WithMessage("subscription_id is an id such as sub_k3v9q2m8x7d4w1c5.")
            .When(r => r.SubscriptionId is not null);
    }
}
