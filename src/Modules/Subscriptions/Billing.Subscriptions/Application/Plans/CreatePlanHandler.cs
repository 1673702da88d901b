using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Plans;

internal sealed class CreatePlanValidator : AbstractValidator<CreatePlan>
{
    public CreatePlanValidator()
    {
        RuleFor(p => p.Code)
            .NotEmpty().WithMessage("code is required.")
            .MaximumLength(50).WithMessage("code must be at most 50 characters.")
            .Matches(@"^[A-Za-z0-9_+.-]+\z").WithMessage("code may contain only letters, digits, '-', '_', '+' and '.'.");
        RuleFor(p => p.Name).NotEmpty().WithMessage("name is required.").MaximumLength(255).Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
        RuleFor(p => p.Interval).NotNull().WithMessage("interval is required.");
        RuleFor(p => p.Interval).Must(BeAnInterval!).WithMessage("interval needs a length from 1 to 999 and a unit of day, week, month or year (S1).")
            .When(p => p.Interval is not null);
        RuleFor(p => p.Trial).Must(BeAnInterval!).WithMessage("trial needs a length from 1 to 999 and a unit of day, week, month or year (S1).")
            .When(p => p.Trial is not null);
        RuleFor(p => p.Currencies).NotEmpty().WithMessage("currencies needs at least one price (S1).");
        RuleFor(p => p.Currencies)
            .Must(c => c!.Select(x => x.Currency).Distinct().Count() == c!.Count).WithMessage("currencies lists a currency twice.")
            .When(p => p.Currencies is not null);
        RuleForEach(p => p.Currencies).ChildRules(price =>
        {
            price.RuleFor(c => c.Currency).Must(c => Currency.TryFind(c, out _)).WithMessage(c => $"'{c.Currency}' is not a supported ISO 4217 currency.");
            price.RuleFor(c => c.UnitAmount).Must((c, amount) => IsAmount(amount, c.Currency))
                .WithMessage(c => $"unit_amount must be zero or positive with at most the decimals of {c.Currency}.");
            price.RuleFor(c => c.SetupFee).Must((c, amount) => IsAmount(amount, c.Currency))
                .WithMessage(c => $"setup_fee must be zero or positive with at most the decimals of {c.Currency}.");
        }).When(p => p.Currencies is not null);
        RuleForEach(p => p.AddOns).ChildRules(addOn =>
        {
            addOn.RuleFor(a => a.Code).NotEmpty().MaximumLength(50).Matches(@"^[A-Za-z0-9_+.-]+\z");
            addOn.RuleFor(a => a.Name).NotEmpty().MaximumLength(255).Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
            addOn.RuleFor(a => a.Currencies).NotEmpty();
            addOn.RuleForEach(a => a.Currencies).ChildRules(price =>
            {
                price.RuleFor(c => c.Currency).Must(c => Currency.TryFind(c, out _)).WithMessage(c => $"'{c.Currency}' is not a supported ISO 4217 currency.");
                price.RuleFor(c => c.UnitAmount).Must((c, amount) => IsAmount(amount, c.Currency))
                    .WithMessage(c => $"unit_amount must be zero or positive with at most the decimals of {c.Currency}.");
            }).When(a => a.Currencies is not null);
        }).When(p => p.AddOns is not null);
        RuleFor(p => p.AddOns)
            .Must(a => a!.Select(x => x.Code).Distinct().Count() == a!.Count).WithMessage("add_ons lists an add-on code twice.")
            .When(p => p.AddOns is not null);
    }

    private static bool BeAnInterval(IntervalSpec interval) =>
        interval.Length is >= 1 and <= 999 && Wire<IntervalUnit>.TryParse(interval.Unit, out _);

    private static bool IsAmount(decimal amount, string currency) =>
        !Currency.TryFind(currency, out var found) || (amount >= 0 && Money.TryFromMajor(amount, found, out _));
}

internal sealed class CreatePlanHandler(SubscriptionsDbContext db, TimeProvider clock) : IRequestHandler<CreatePlan, Result<PlanDto>>
{
    public async Task<Result<PlanDto>> Handle(CreatePlan request, CancellationToken cancellationToken)
    {
        if (await db.Plans.AnyAsync(p => p.Code == request.Code, cancellationToken))
        {
            return Error.Conflict("plan_code_taken", $"A plan with code '{request.Code}' already exists.");
        }

        var plan = new Plan
        {
            Code = request.Code,
            Name = request.Name,
            IntervalLength = request.Interval.Length,
            IntervalUnit = Wire<IntervalUnit>.Parse(request.Interval.Unit),
            TrialLength = request.Trial?.Length,
            TrialUnit = request.Trial is null ? null : Wire<IntervalUnit>.Parse(request.Trial.Unit),
            Prices = request.Currencies.ToDictionary(c => c.Currency, c => new PlanPrice(Minor(c.UnitAmount, c.Currency), Minor(c.SetupFee, c.Currency))),
            AddOns = (request.AddOns ?? []).Select(a => new PlanAddOn(a.Code, a.Name, a.Currencies.ToDictionary(c => c.Currency, c => Minor(c.UnitAmount, c.Currency)))).ToList(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return plan.ToDto();
    }

    private static long Minor(decimal amount, string currency) =>
        Money.TryFromMajor(amount, Currency.Of(currency), out var money) ? money.Minor : throw new ArgumentException("validated amount", nameof(amount));
}
