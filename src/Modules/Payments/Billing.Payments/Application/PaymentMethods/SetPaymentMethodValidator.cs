using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using FluentValidation;

namespace Billing.Payments.Application.PaymentMethods;

/// <summary>P3: a card is checked before it goes anywhere; no message repeats what was typed.</summary>
internal sealed class SetPaymentMethodValidator : AbstractValidator<SetPaymentMethod>
{
    public SetPaymentMethodValidator()
    {
        RuleFor(p => p.CardNumber)
            .NotEmpty().WithMessage("card_number is required.")
            .Must(Card.IsWellFormed).WithMessage("card_number is not a valid card number (12 to 19 digits passing the Luhn check).");
        RuleFor(p => p.ExpMonth)
            .NotNull().WithMessage("exp_month is required.")
            .InclusiveBetween(1, 12).WithMessage("exp_month is a month from 1 to 12.");
        RuleFor(p => p.ExpYear)
            .NotNull().WithMessage("exp_year is required.")
            .InclusiveBetween(2000, 2199).WithMessage("exp_year is a four-digit year.");
        RuleFor(p => p.Cvc)
            .NotEmpty().WithMessage("cvc is required.")
            .Matches("^[0-9]{3,4}$").WithMessage("cvc is 3 or 4 digits.");
    }
}
