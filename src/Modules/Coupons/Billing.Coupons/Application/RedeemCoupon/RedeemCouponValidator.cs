using Billing.SharedKernel;
using FluentValidation;

namespace Billing.Coupons.Application.RedeemCoupon;

internal sealed class RedeemCouponValidator : AbstractValidator<Contracts.RedeemCoupon>
{
    public RedeemCouponValidator()
    {
        RuleFor(r => r.AccountCode).NotEmpty().MaximumLength(50);
        RuleFor(r => r.CouponCode)
            .NotEmpty().WithMessage("coupon_code is required.")
            .MaximumLength(50).WithMessage("coupon_code must be at most 50 characters (C1).")
            .Matches("^[A-Za-z0-9_+-]+$").WithMessage("coupon_code may contain only letters, digits, '-', '_' and '+' (C1).");
        RuleFor(r => r.Currency)
            .Must(c => Currency.TryFind(c, out _)).WithMessage("currency must be a supported ISO 4217 code such as USD.");
        RuleFor(r => r.SubscriptionId).MaximumLength(64);
    }
}
