using Billing.Coupons.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Application.CreateSubscription;

internal sealed class CreateSubscriptionValidator : AbstractValidator<Contracts.CreateSubscription>
{
    public CreateSubscriptionValidator()
    {
        RuleFor(s => s.AccountCode).NotEmpty().WithMessage("account_code is required.").MaximumLength(50);
        RuleFor(s => s.PlanCode).NotEmpty().WithMessage("plan_code is required.").MaximumLength(50);
        RuleFor(s => s.Currency).Must(c => Currency.TryFind(c, out _)).WithMessage("currency must be a supported ISO 4217 code such as USD.");
        RuleFor(s => s.Quantity).InclusiveBetween(1, 100_000).WithMessage("quantity must be from 1 to 100000.");
        RuleFor(s => s.AddOns).Must(a => a!.Count <= 100 && a.Select(x => x.Code).Distinct().Count() == a.Count)
            .WithMessage("add_ons lists at most 100 add-ons, each once.").When(s => s.AddOns is not null);
        RuleForEach(s => s.AddOns).ChildRules(addOn =>
        {
            addOn.RuleFor(a => a.Code).NotEmpty().MaximumLength(50);
            addOn.RuleFor(a => a.Quantity).InclusiveBetween(1, 100_000);
        }).When(s => s.AddOns is not null);
        RuleFor(s => s.CouponCodes).Must(c => c!.Count <= 10).WithMessage("coupon_codes lists at most 10 codes.").When(s => s.CouponCodes is not null);
        RuleForEach(s => s.CouponCodes).NotEmpty().MaximumLength(50).Matches("^[A-Za-z0-9_+-]+$")
            .WithMessage("each coupon code has 1–50 letters, digits, '-', '_' or '+' (C1).").When(s => s.CouponCodes is not null);
    }
}

/// <summary>
/// S3 + R6: creates the subscription, redeems its coupon codes and issues its first invoice in one
/// transaction; any refusal rolls everything back, so a failed signup leaves no redemption.
/// </summary>
internal sealed class CreateSubscriptionHandler(SubscriptionsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<Contracts.CreateSubscription, Result<SubscriptionDto>>
{
    public async Task<Result<SubscriptionDto>> Handle(Contracts.CreateSubscription request, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Code == request.AccountCode, cancellationToken);
        if (account is null)
        {
            return Error.NotFound("account_not_found", $"No account has the code '{request.AccountCode}'.");
        }

        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Code == request.PlanCode, cancellationToken);
        if (plan is null)
        {
            return Error.NotFound("plan_not_found", $"No plan has the code '{request.PlanCode}'.");
        }

        if (!plan.Prices.ContainsKey(request.Currency))
        {
            return Error.Rule("currency_not_supported", $"Plan '{plan.Code}' has no price in {request.Currency}.");
        }

        foreach (var addOn in request.AddOns ?? [])
        {
            if (plan.AddOns.FirstOrDefault(a => a.Code == addOn.Code) is not { } definition)
            {
                return Error.Rule("add_on_not_found", $"Plan '{plan.Code}' has no add-on '{addOn.Code}'.");
            }

            if (!definition.Prices.ContainsKey(request.Currency))
            {
                return Error.Rule("currency_not_supported", $"Add-on '{addOn.Code}' has no price in {request.Currency}.");
            }
        }

        var subscription = Start(request, plan, clock.GetUtcNow());
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);

        foreach (string code in (request.CouponCodes ?? []).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var redeemed = await mediator.Send(new RedeemCoupon(account.Code, code, subscription.Currency, subscription.Id), cancellationToken);
            if (!redeemed.IsSuccess)
            {
                return redeemed.Error;
            }
        }

        var invoice = await mediator.Send(InvoiceRequests.ForCurrentPeriod(plan, account, subscription, firstInvoice: true), cancellationToken);
        if (!invoice.IsSuccess)
        {
            return invoice.Error;
        }

        subscription.PurchasePrice = subscription.State == SubscriptionState.InTrial
            ? subscription.OriginalPrice
            : InvoiceRequests.PurchasePriceOf(invoice.Value, Currency.Of(subscription.Currency).MinorPerMajor);
        await db.SaveChangesAsync(cancellationToken);
        return subscription.ToDto(invoice.Value);
    }

    private static Subscription Start(Contracts.CreateSubscription request, Plan plan, DateTimeOffset now)
    {
        var trialEnd = plan.Trial?.PeriodStart(now, 1);
        var subscription = new Subscription
        {
            Id = Ids.New("sub"),
            AccountCode = request.AccountCode,
            PlanCode = plan.Code,
            Currency = request.Currency,
            Quantity = request.Quantity ?? 1,
            AddOns = (request.AddOns ?? []).Select(a => new SubscriptionAddOn(a.Code, a.Quantity)).ToList(),
            IntervalLength = plan.IntervalLength,
            IntervalUnit = plan.IntervalUnit,
            PeriodAnchor = trialEnd ?? now,
            CreatedAt = now,
        };
        if (trialEnd is { } end)
        {
            // R9: the subscription starts in trial; the first paid period starts when the trial ends.
            subscription.State = SubscriptionState.InTrial;
            subscription.PeriodIndex = -1;
            subscription.CurrentPeriodStart = now;
            subscription.CurrentPeriodEnd = end;
        }
        else
        {
            subscription.PeriodIndex = -1;
            subscription.AdvancePeriod();
        }

        subscription.OriginalPrice = PeriodCharges.ListPriceOfPeriod(plan, subscription);
        return subscription;
    }
}
