using System.Globalization;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.SharedKernel;
using FluentValidation;

namespace Billing.Coupons.Application.CouponCreation;

/// <summary>Every field of a new coupon, with messages a merchant can act on (C1–C9).</summary>
internal sealed class CreateCouponValidator : AbstractValidator<CreateCoupon>
{
    public CreateCouponValidator()
    {
        RuleFor(c => c.Code)
            .NotEmpty().WithMessage("code is required.")
            .MaximumLength(50).WithMessage("code must be at most 50 characters (C1).")
            .Matches(@"^[A-Za-z0-9_+-]+\z").WithMessage("code may contain only letters, digits, '-', '_' and '+' (C1).");
        RuleFor(c => c.Id)
            .MaximumLength(64).WithMessage("id must be at most 64 characters.")
            .Matches(@"^[A-Za-z0-9_]+\z").WithMessage("id may contain only letters, digits and underscores (C2).")
            .When(c => c.Id is not null);
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("name is required (C3).")
            .MaximumLength(255).WithMessage("name must be at most 255 characters.")
            .Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
        RuleFor(c => c.Discount).NotNull().WithMessage("discount is required (C4).");
        When(c => c.Discount is not null, () =>
        {
            RuleFor(c => c.Discount.Type)
                .Must(t => Wire<DiscountType>.TryParse(t, out _))
                .WithMessage($"discount.type must be one of {string.Join(", ", Wire<DiscountType>.All)}.");
            RuleFor(c => c.Discount.Percent)
                .NotNull().WithMessage("discount.percent is required for a percent discount.")
                .InclusiveBetween(1, 100).WithMessage("discount.percent must be a whole number from 1 to 100 (C4).")
                .When(c => c.Discount.Type == "percent");
            RuleFor(c => c.Discount.Amounts)
                .NotEmpty().WithMessage("discount.amounts needs at least one currency for a fixed discount (C4).")
                .When(c => c.Discount.Type == "fixed");
            RuleForEach(c => c.Discount.Amounts).ChildRules(amount =>
            {
                amount.RuleFor(a => a.Currency)
                    .Must(code => Currency.TryFind(code, out _)).WithMessage(a => $"'{a.Currency}' is not a supported ISO 4217 currency.");
                amount.RuleFor(a => a.Amount)
                    .Must((a, value) => !Currency.TryFind(a.Currency, out var currency)
                        || (value > 0 && Money.TryFromMajor(value, currency, out _)))
                    .WithMessage(a => $"amount {a.Amount.ToString(CultureInfo.InvariantCulture)} is not a positive {a.Currency} amount with at most the currency's decimals.");
            }).When(c => c.Discount.Type == "fixed" && c.Discount.Amounts is not null);
            RuleFor(c => c.Discount.Amounts)
                .Must(amounts => amounts!.Select(a => a.Currency).Distinct().Count() == amounts!.Count)
                .WithMessage("discount.amounts lists a currency twice.")
                .When(c => c.Discount.Type == "fixed" && c.Discount.Amounts is not null);
            RuleFor(c => c.Discount.Trial)
                .NotNull().WithMessage("discount.trial is required for a free_trial discount.")
                .When(c => c.Discount.Type == "free_trial");
            RuleFor(c => c.Discount.Percent).Null().WithMessage("discount.percent belongs to a percent discount only.")
                .When(c => c.Discount.Type != "percent");
            RuleFor(c => c.Discount.Amounts).Null().WithMessage("discount.amounts belongs to a fixed discount only.")
                .When(c => c.Discount.Type != "fixed");
            RuleFor(c => c.Discount.Trial).Null().WithMessage("discount.trial belongs to a free_trial discount only.")
                .When(c => c.Discount.Type != "free_trial");
            RuleFor(c => c.Discount.Trial!)
                .Must(t => t.Unit is "day" or "week" or "month" && t.Length is >= 1 and <= 9999)
                .WithMessage("discount.trial needs a unit of day, week or month and a length from 1 to 9999 (C4).")
                .When(c => c.Discount.Type == "free_trial" && c.Discount.Trial is not null);
        });
        When(c => c.Duration is not null, () =>
        {
            RuleFor(c => c.Duration!.Type)
                .Must(t => Wire<DurationType>.TryParse(t, out _))
                .WithMessage($"duration.type must be one of {string.Join(", ", Wire<DurationType>.All)}.");
            RuleFor(c => c.Duration!)
                .Must(d => d.Amount is >= 1 and <= 9999 && Wire<TimeUnit>.TryParse(d.Unit, out _))
                .WithMessage("a temporal duration needs an amount from 1 to 9999 and a unit of day, week, month or year (C5).")
                .When(c => c.Duration!.Is(DurationType.Temporal));
            RuleFor(c => c.Duration!.Periods)
                .NotNull().WithMessage("duration.periods is required for billing_periods (C5).")
                .InclusiveBetween(1, 9999).WithMessage("duration.periods must be from 1 to 9999 (C5).")
                .When(c => c.Duration!.Is(DurationType.BillingPeriods));
            RuleFor(c => c.Duration!.Periods).Null().WithMessage("duration.periods belongs to a billing_periods duration only.")
                .When(c => !c.Duration!.Is(DurationType.BillingPeriods));
            RuleFor(c => c.Duration!)
                .Must(d => d.Amount is null && d.Unit is null).WithMessage("duration.amount and duration.unit belong to a temporal duration only.")
                .When(c => !c.Duration!.Is(DurationType.Temporal));
        });
        RuleFor(c => c.MaxRedemptions).GreaterThanOrEqualTo(1).WithMessage("max_redemptions must be at least 1 (C6).");
        RuleFor(c => c.MaxRedemptionsPerAccount).GreaterThanOrEqualTo(1).WithMessage("max_redemptions_per_account must be at least 1 (C6).");
        RuleFor(c => c.RedeemBy)
            .Must(r => RedeemByParser.TryParse(r!, TimeZoneInfo.Utc, out _))
            .WithMessage(RedeemByParser.Rule)
            .When(c => c.RedeemBy is not null);
        RuleFor(c => c.RedemptionResource)
            .Must(r => Wire<RedemptionResource>.TryParse(r, out _))
            .WithMessage("redemption_resource must be account or subscription (C8).")
            .When(c => c.RedemptionResource is not null);
        RuleFor(c => c.CouponType)
            .Must(t => Wire<CouponType>.TryParse(t, out _))
            .WithMessage("coupon_type must be single_code or bulk (C16).")
            .When(c => c.CouponType is not null);
        RuleFor(c => c.UniqueCodeTemplate)
            .Custom((template, context) =>
            {
                if (CodeTemplate.Parse(template) is { IsSuccess: false } parsed)
                {
                    context.AddFailure("unique_code_template", parsed.Error.Fields.Values.Single().Single());
                }
            })
            .When(c => c.CouponType == "bulk");
        RuleFor(c => c.UniqueCodeTemplate).Null().WithMessage("unique_code_template belongs to a bulk coupon only (C16).")
            .When(c => c.CouponType != "bulk");
        RuleFor(c => c.AppliesTo!.PlanCodes)
            .NotEmpty().WithMessage("applies_to.plan_codes must name at least one plan when all_plans is false (C7).")
            .When(c => c.AppliesTo is { AllPlans: false });
        RuleFor(c => c.HostedPageDescription).MaximumLength(255).WithMessage("hosted_page_description must be at most 255 characters (C9).").Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
        RuleFor(c => c.InvoiceDescription).MaximumLength(255).WithMessage("invoice_description must be at most 255 characters (C9).").Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
        RuleFor(c => c.Metadata)
            .Must(m => m!.Count <= 50 && m.All(p => p.Key.Length is > 0 and <= 40 && p.Value is not null && p.Value.Length <= 500))
            .WithMessage("metadata holds at most 50 string values, keys of 1–40 characters, values of at most 500 (C9).")
            .When(c => c.Metadata is not null);
    }
}
