using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.SubscriptionChange;

internal sealed class ChangeSubscriptionValidator : AbstractValidator<ChangeSubscription>
{
    public ChangeSubscriptionValidator()
    {
        RuleFor(c => c.Quantity).IsQuantity();
        RuleFor(c => c.PlanCode).MaximumLength(50).Matches(Grammar.PlanCode).WithMessage("plan_code has only letters, digits and '-', '_', '+', '.'.")
            .When(c => c.PlanCode is not null);
        RuleFor(c => c.CouponCode).MaximumLength(50).Matches(@"^[A-Za-z0-9_+-]+\z").WithMessage("coupon_code has 1–50 letters, digits, '-', '_' or '+' (C1).")
            .When(c => c.CouponCode is not null);
        RuleFor(c => c)
            .Must(c => c.PlanCode is not null || c.Quantity is not null || c.CouponCode is not null)
            .WithMessage("name what changes: plan_code, quantity or coupon_code.")
            .OverridePropertyName("plan_code");
    }
}

/// <summary>
/// S8 + R7: a change now credits the unused time of what the current period was charged and charges the
/// remaining time of the new terms, prorated by days, on one invoice issued at once (only the charge is
/// discountable; a coupon code given with the change is redeemed first, so it discounts that charge). A change
/// at renewal waits for the next period. Plans of another billing interval are refused: periods would not line up.
/// </summary>
internal sealed class ChangeSubscriptionHandler(SubscriptionsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<ChangeSubscription, Result<SubscriptionDto>>
{
    public async Task<Result<SubscriptionDto>> Handle(ChangeSubscription request, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken);
        if (subscription is null)
        {
            return SubscriptionErrors.NotFound(request.Id);
        }

        if (!subscription.IsLive)
        {
            return SubscriptionErrors.NotActiveToChange(subscription.Id, Wire<SubscriptionState>.Name(subscription.State));
        }

        if (subscription.RefusalToChangeTerms(request.PlanCode, request.Quantity) is { } partnerManaged)
        {
            return partnerManaged;
        }

        var plan = await db.PlanAsync(request.PlanCode ?? subscription.PlanCode, cancellationToken);
        if (plan is null)
        {
            return SubscriptionErrors.PlanNotFound(request.PlanCode);
        }

        if (subscription.RefusalToMoveTo(plan) is { } refusedPlan)
        {
            return refusedPlan;
        }

        if (plan.RefusalToSell(subscription.Currency, subscription.AddOns.Select(a => a.Code)) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        int quantity = request.Quantity ?? subscription.Quantity;
        bool termsChange = plan.Code != subscription.PlanCode || quantity != subscription.Quantity;
        if (request.CouponCode is not null)
        {
            var redeemed = await mediator.Send(new RedeemCoupon(subscription.AccountCode, request.CouponCode, subscription.Currency, subscription.Id), cancellationToken);
            if (!redeemed.IsSuccess)
            {
                return redeemed.Error;
            }
        }
        else if (!termsChange)
        {
            return SubscriptionErrors.NoChange(subscription.Id, plan.Code, quantity);
        }

        if (request.Timeframe == ChangeTimeframe.Renewal)
        {
            if (termsChange)
            {
                subscription.ScheduleChange(plan.Code, quantity);
            }

            await db.SaveChangesAsync(cancellationToken);
            return await WithNextPeriodPriceAsync(subscription, null, cancellationToken);
        }

        if (!termsChange)
        {
            return await WithNextPeriodPriceAsync(subscription, null, cancellationToken);
        }

        (string previousPlanCode, int previousQuantity) = (subscription.PlanCode, subscription.Quantity);
        var invoice = await ChangeNowAsync(subscription, plan, quantity, now, cancellationToken);
        if (!invoice.IsSuccess)
        {
            return invoice.Error;
        }

        db.Publish(new SubscriptionChanged(Guid.NewGuid(), now, subscription.ToSnapshot(), previousPlanCode, previousQuantity));
        return await WithNextPeriodPriceAsync(subscription, invoice.Value, cancellationToken);
    }

    /// <summary>S3: after a change, purchase_price is what the next period will cost after the coupons that still apply.</summary>
    private async Task<Result<SubscriptionDto>> WithNextPeriodPriceAsync(Subscription subscription, InvoiceDto? invoice, CancellationToken cancellationToken)
    {
        var price = await InvoiceRequests.NextPeriodPriceAsync(mediator, subscription, cancellationToken);
        if (!price.IsSuccess)
        {
            return price.Error;
        }

        subscription.PricedAfterCoupons(price.Value);
        await db.SaveChangesAsync(cancellationToken);
        return subscription.ToDto(invoice);
    }

    private async Task<Result<InvoiceDto?>> ChangeNowAsync(Subscription subscription, Plan plan, int quantity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var oldPlan = await db.Plans.AsNoTracking().SingleAsync(p => p.Code == subscription.PlanCode, cancellationToken);
        var change = subscription.ChangeNow(plan, quantity, now);
        await db.SaveChangesAsync(cancellationToken);
        if (change is null)
        {
            return (InvoiceDto?)null;
        }

        string remaining = $"{change.DaysLeft} of {change.DaysInPeriod} days";
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Code == subscription.AccountCode, cancellationToken);
        var lines = new List<ChargeLine>
        {
            new(LineType.ProrationCredit, oldPlan.Code, $"Unused time on {oldPlan.Name} ({remaining})", 1, -change.Credit),
            new(LineType.ProrationCharge, plan.Code, $"Remaining time on {plan.Name} × {quantity} ({remaining})", 1, change.Charge),
        };
        var invoice = await mediator.Send(
            new GenerateInvoice(subscription.AccountCode, subscription.Id, plan.Code, subscription.Currency, PeriodStart: null, PeriodEnd: null, account.TaxRate, IsTrial: false, lines),
            cancellationToken);
        if (!invoice.IsSuccess)
        {
            return invoice.Error;
        }

        // S8: what the charge line cost after coupons is what was paid for the rest of the period.
        long minorPerMajor = Currency.Of(subscription.Currency).MinorPerMajor;
        long paid = invoice.Value.Lines.Where(l => l.Type == Wire<LineType>.Name(LineType.ProrationCharge)).Sum(l => (long)((l.Amount - l.Discount) * minorPerMajor));
        subscription.Paid(paid, change.DaysLeft);
        await db.SaveChangesAsync(cancellationToken);
        return invoice.Value;
    }
}
