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
        RuleFor(p => p.Currencies).NotEmpty().WithMessage("currencies needs at least one price (S1).")
            .Must(PlanRules.DistinctCurrencies).WithMessage("currencies lists a currency twice.");
        RuleForEach(p => p.Currencies).SetValidator(new PlanCurrencyValidator()).When(p => p.Currencies is not null);
        RuleForEach(p => p.AddOns).SetValidator(new AddOnSpecValidator()).When(p => p.AddOns is not null);
        RuleFor(p => p.AddOns).Must(PlanRules.DistinctCodes).WithMessage("add_ons lists an add-on code twice.");
    }

    private static bool BeAnInterval(IntervalSpec interval) =>
        interval.Length is >= 1 and <= 999 && Wire<IntervalUnit>.TryParse(interval.Unit, out _);
}

internal sealed class CreatePlanHandler(SubscriptionsDbContext db, TimeProvider clock) : IRequestHandler<CreatePlan, Result<PlanDto>>
{
    public async Task<Result<PlanDto>> Handle(CreatePlan request, CancellationToken cancellationToken)
    {
        if (await db.Plans.AnyAsync(p => p.Code == request.Code, cancellationToken))
        {
            return SubscriptionErrors.PlanCodeTaken(request.Code);
        }

        var plan = new Plan
        {
            Code = request.Code,
            Name = request.Name,
            IntervalLength = request.Interval.Length,
            IntervalUnit = Wire<IntervalUnit>.Parse(request.Interval.Unit),
            TrialLength = request.Trial?.Length,
            TrialUnit = request.Trial is null ? null : Wire<IntervalUnit>.Parse(request.Trial.Unit),
            Prices = PlanRules.ToPrices(request.Currencies),
            AddOns = PlanRules.ToAddOns(request.AddOns ?? []),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return plan.ToDto();
    }
}
