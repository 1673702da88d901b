using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.Plans;

internal sealed class UpdatePlanValidator : AbstractValidator<UpdatePlan>
{
    public UpdatePlanValidator()
    {
        RuleFor(p => p.Name.Value).NotEmpty().WithMessage("name cannot be empty or cleared.").MaximumLength(255)
            .Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage)
            .OverridePropertyName("name").When(p => p.Name.IsSpecified);
        When(p => p.Currencies.IsSpecified, () =>
        {
            RuleFor(p => p.Currencies.Value).NotEmpty().WithMessage("currencies lists at least one price to set; it cannot be cleared (S1).")
                .Must(PlanRules.DistinctCurrencies).WithMessage("currencies lists a currency twice.")
                .OverridePropertyName("currencies");
            RuleForEach(p => p.Currencies.Value).SetValidator(new PlanCurrencyValidator()).OverridePropertyName("currencies")
                .When(p => p.Currencies.Value is not null);
        });
        When(p => p.AddOns.IsSpecified, () =>
        {
            RuleFor(p => p.AddOns.Value).NotNull().WithMessage("add_ons lists the add-ons to add; it cannot be cleared.")
                .Must(PlanRules.DistinctCodes).WithMessage("add_ons lists an add-on code twice.")
                .OverridePropertyName("add_ons");
            RuleForEach(p => p.AddOns.Value).SetValidator(new AddOnSpecValidator()).OverridePropertyName("add_ons")
                .When(p => p.AddOns.Value is not null);
        });
    }
}

/// <summary>Issue 16: changes a plan's name, prices and add-ons (see <see cref="Domain.Plan.Revise"/>).</summary>
internal sealed class UpdatePlanHandler(SubscriptionsDbContext db) : IRequestHandler<UpdatePlan, Result<PlanDto>>
{
    public async Task<Result<PlanDto>> Handle(UpdatePlan request, CancellationToken cancellationToken)
    {
        if (await db.Plans.FirstOrDefaultAsync(p => p.Code == request.Code, cancellationToken) is not { } plan)
        {
            return SubscriptionErrors.PlanNotFound(request.Code);
        }

        if (plan.Revise(request.Name.Value, PlanRules.ToPrices(request.Currencies.Value ?? []), PlanRules.ToAddOns(request.AddOns.Value ?? [])) is { } refused)
        {
            return refused;
        }

        await db.SaveChangesAsync(cancellationToken);
        return plan.ToDto();
    }
}
