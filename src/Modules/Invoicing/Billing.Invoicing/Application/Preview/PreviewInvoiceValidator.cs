using Billing.SharedKernel;
using FluentValidation;

namespace Billing.Invoicing.Application.Preview;

/// <summary>I7: a preview names a subscription, or a would-be purchase (a plan or a package, and a currency), only one.</summary>
internal sealed class PreviewInvoiceValidator : AbstractValidator<Contracts.PreviewInvoice>
{
    private const string OnlyForPurchase = "{PropertyName} describes a would-be purchase (with plan_code); the next invoice of a subscription takes only subscription_id.";

    public PreviewInvoiceValidator()
    {
        RuleFor(p => p.SubscriptionId)
            .NotNull().WithMessage("give subscription_id (the next invoice of a subscription) or plan_code and currency (a would-be purchase).")
            .When(p => p.PlanCode is null && p.PackageCode is null);
        RuleFor(p => p.PlanCode)
            .Null().WithMessage("give subscription_id or plan_code, not both.")
            .When(p => p.SubscriptionId is not null);
        RuleFor(p => p.PackageCode)
            .Null().WithMessage("give subscription_id, plan_code or package_code, only one.")
            .When(p => p.SubscriptionId is not null || p.PlanCode is not null);

        When(p => p.PackageCode is not null, () =>
        {
            RuleFor(p => p.PackageCode).NotEmpty().WithMessage("package_code must not be empty.").MaximumLength(50)
                .Matches(Grammar.PlanCode).WithMessage("package_code has only letters, digits and '-', '_', '+', '.'.");
            RuleFor(p => p.Currency).NotNull().WithMessage("currency is required with package_code.");
            RuleFor(p => p.Quantity).Null().WithMessage("a package is bought once: quantity describes a plan purchase.");
            RuleFor(p => p.AddOns).Null().WithMessage("a package has no add-ons.");
        });

        When(p => p.SubscriptionId is not null, () =>
        {
            RuleFor(p => p.SubscriptionId).NotEmpty().WithMessage("subscription_id must not be empty.").MaximumLength(64)
                .Matches(Grammar.Id).WithMessage("subscription_id is an id such as sub_k3v9q2m8x7d4w1c5.");
            RuleFor(p => p.Currency).Null().WithMessage(OnlyForPurchase);
            RuleFor(p => p.CouponCode).Null().WithMessage(OnlyForPurchase);
            RuleFor(p => p.Quantity).Null().WithMessage(OnlyForPurchase);
            RuleFor(p => p.AddOns).Null().WithMessage(OnlyForPurchase);
            RuleFor(p => p.AccountCode).Null().WithMessage(OnlyForPurchase);
        });

        When(p => p.SubscriptionId is null && (p.PlanCode is not null || p.PackageCode is not null), () =>
        {
            RuleFor(p => p.PlanCode).NotEmpty().WithMessage("plan_code must not be empty.").MaximumLength(50)
                .Matches(Grammar.PlanCode).WithMessage("plan_code has only letters, digits and '-', '_', '+', '.'.").When(p => p.PackageCode is null);
            RuleFor(p => p.Currency).NotNull().WithMessage("currency is required with plan_code.").When(p => p.PackageCode is null);
            RuleFor(p => p.Currency)
                .Must(c => Currency.TryFind(c, out _)).WithMessage("currency must be a supported ISO 4217 code such as USD.")
                .When(p => p.Currency is not null);
            RuleFor(p => p.Quantity).InclusiveBetween(1, 100_000).WithMessage("quantity must be from 1 to 100000.");
            RuleFor(p => p.AddOns).Must(a => a!.Count <= 100 && a.Select(x => x.Code).Distinct().Count() == a.Count)
                .WithMessage("add_ons lists at most 100 add-ons, each once.").When(p => p.AddOns is not null);
            RuleForEach(p => p.AddOns).ChildRules(addOn =>
            {
                addOn.RuleFor(a => a.Code).NotEmpty().WithMessage("each add-on needs a code.").MaximumLength(50)
                    .Matches(Grammar.PlanCode).WithMessage("an add-on code has only letters, digits and '-', '_', '+', '.'.");
                addOn.RuleFor(a => a.Quantity).InclusiveBetween(1, 100_000).WithMessage("an add-on quantity must be from 1 to 100000.");
            }).When(p => p.AddOns is not null);
            RuleFor(p => p.CouponCode)
                .NotEmpty().WithMessage("coupon_code must not be empty.")
                .MaximumLength(50).WithMessage("coupon_code must be at most 50 characters (C1).")
                .Matches(@"^[A-Za-z0-9_+-]+\z").WithMessage("coupon_code may contain only letters, digits, '-', '_' and '+' (C1).")
                .When(p => p.CouponCode is not null);
            RuleFor(p => p.AccountCode).NotEmpty().WithMessage("account_code must not be empty.").MaximumLength(50)
                .Matches(Grammar.AccountCode).WithMessage("account_code has only letters, digits and '-', '_', '+', '.', '@'.").When(p => p.AccountCode is not null);
        });
    }
}
