using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Application.Renewals;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;

namespace Billing.Subscriptions.Application.Pricing;

internal sealed class PricePurchaseValidator : AbstractValidator<PricePurchase>
{
    public PricePurchaseValidator()
    {
        RuleFor(p => p.PlanCode).NotEmpty().WithMessage("plan_code is required.").MaximumLength(50);
        RuleFor(p => p.Currency).IsSupportedCurrency();
        RuleFor(p => p.Quantity).IsQuantity();
        RuleFor(p => p.AddOns).AreDistinctAddOns();
        RuleForEach(p => p.AddOns).SetValidator(new AddOnQuantityValidator());
        RuleFor(p => p.AccountCode).MaximumLength(50);
    }
}

/// <summary>
/// I7: the first invoice's charges of a would-be subscription, with the checks and the start a real purchase
/// makes (plan, currency, add-ons; a plan's or a free-trial coupon's trial, R9, C4) — on an unsaved subscription.
/// </summary>
internal sealed class PricePurchaseHandler(SubscriptionsDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<PricePurchase, Result<UpcomingCharges>>
{
    public async Task<Result<UpcomingCharges>> Handle(PricePurchase request, CancellationToken cancellationToken)
    {
        Account? account = null;
        if (request.AccountCode is not null)
        {
            account = await db.AccountAsync(request.AccountCode, cancellationToken);
            if (account is null)
            {
                return SubscriptionErrors.AccountNotFound(request.AccountCode);
            }
        }

        var plan = await db.PlanAsync(request.PlanCode, cancellationToken);
        if (plan is null)
        {
            return SubscriptionErrors.PlanNotFound(request.PlanCode);
        }

        if (plan.RefusalToSubscribe(request.Currency, (request.AddOns ?? []).Select(a => a.Code)) is { } refused)
        {
            return refused;
        }

        var trial = await SignupTrial.OfAsync(mediator, plan, request.CouponCode is null ? [] : [request.CouponCode], cancellationToken);
        if (!trial.IsSuccess)
        {
            return trial.Error;
        }

        var subscription = Subscription.Start(
            "preview",
            request.AccountCode ?? string.Empty,
            plan,
            request.Currency,
            request.Quantity,
            (request.AddOns ?? []).Select(a => new SubscriptionAddOn(a.Code, a.Quantity)),
            trial.Value,
            clock.GetUtcNow());
        bool inTrial = subscription.State == SubscriptionState.InTrial;
        return new UpcomingCharges(
            null,
            account?.Code,
            plan.Code,
            request.Currency,
            account?.TaxRate ?? 0m,
            subscription.CurrentPeriodStart,
            subscription.CurrentPeriodEnd,
            inTrial,
            PeriodCharges.For(plan, subscription, firstInvoice: true, inTrial)
                .Select(c => new ChargeLine(c.Type, c.Code, c.Description, c.Quantity, c.UnitAmount))
                .ToList());
    }
}
