using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.SharedKernel;
using FluentValidation;

namespace Billing.Payments.Application.Checkout;

/// <summary>K1–K4: what a checkout sends is checked before anything is priced or charged; no message repeats a card.</summary>
internal sealed class PurchaseSubscriptionValidator : AbstractValidator<PurchaseSubscription>
{
    public PurchaseSubscriptionValidator()
    {
        RuleFor(p => p.CheckoutKey).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9_-]+\\z").WithMessage("checkout_key has 1–64 letters, digits, '-' or '_'.");
        RuleFor(p => p.PlanCode).NotEmpty().WithMessage("offering_id is required.").When(p => p.PackageCode is null);
        RuleFor(p => p.PackageCode).Null().WithMessage("offering_id names a plan or a package, not both.").When(p => p.PlanCode is not null);
        RuleFor(p => p.PlanCode ?? p.PackageCode).MaximumLength(50)
            .Matches(Grammar.PlanCode).WithMessage("offering_id has only letters, digits and '-', '_', '+', '.'.").OverridePropertyName("offering_id");
        RuleFor(p => p.Currency).NotEmpty().Must(c => Currency.TryFind(c, out _)).WithMessage("currency must be a supported ISO 4217 code (M1).");
        RuleFor(p => p.CouponCode).MaximumLength(50).Matches(@"^[A-Za-z0-9_+-]+\z")
            .WithMessage("coupon_code has 1–50 letters, digits, '-', '_' or '+' (C1).").When(p => p.CouponCode is not null);
        When(p => p.AccountCode is null, () =>
        {
            RuleFor(p => p.Email).NotEmpty().WithMessage("email is required.").MaximumLength(254).EmailAddress().Matches(@"^\S+\z").WithMessage("email must be an email address.");
            RuleFor(p => p.Country)
                .NotEmpty().WithMessage("country is required (S2).")
                .Must(c => Countries.TryNormalize(c, out var alpha2) && alpha2 == c)
                .WithMessage("country must be an assigned ISO 3166-1 alpha-2 code in capitals, such as US (S2).");
        });
        When(p => p.CardNumber is not null, () =>
        {
            RuleFor(p => p.CardNumber).Must(Card.IsWellFormed).WithMessage("card_number is not a valid card number (12 to 19 digits passing the Luhn check).");
            RuleFor(p => p.ExpMonth).NotNull().WithMessage("exp_month is required.").InclusiveBetween(1, 12).WithMessage("exp_month is a month from 1 to 12.");
            RuleFor(p => p.ExpYear).NotNull().WithMessage("exp_year is required.").InclusiveBetween(2000, 2199).WithMessage("exp_year is a four-digit year.");
            RuleFor(p => p.Cvc).NotEmpty().WithMessage("cvc is required.").Matches("^[0-9]{3,4}$").WithMessage("cvc is 3 or 4 digits.");
        });
    }
}
