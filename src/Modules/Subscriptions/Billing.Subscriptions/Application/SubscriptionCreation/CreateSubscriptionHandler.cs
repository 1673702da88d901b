using Billing.Coupons.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Application.Renewals;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using FluentValidation;
using MediatR;

namespace Billing.Subscriptions.Application.SubscriptionCreation;

internal sealed class CreateSubscriptionValidator : AbstractValidator<CreateSubscription>
{
    public CreateSubscriptionValidator()
    {
        RuleFor(s => s.AccountCode).NotEmpty().WithMessage("account_code is required.").MaximumLength(50)
            .Matches(Grammar.AccountCode).WithMessage("account_code has only letters, digits and '-', '_', '+', '.', '@'.");
        RuleFor(s => s.PlanCode).NotEmpty().WithMessage("plan_code is required.").MaximumLength(50)
            .Matches(Grammar.PlanCode).WithMessage("plan_code has only letters, digits and '-', '_', '+', '.'.");
        RuleFor(s => s.Currency).IsSupportedCurrency();
        RuleFor(s => s.Quantity).IsQuantity();
        RuleFor(s => s.AddOns).AreDistinctAddOns();
        RuleForEach(s => s.AddOns).SetValidator(new AddOnQuantityValidator());
        RuleFor(s => s.CouponCodes).Must(c => c!.Count <= 10).WithMessage("coupon_codes lists at most 10 codes.").When(s => s.CouponCodes is not null);
        RuleForEach(s => s.CouponCodes).NotEmpty().MaximumLength(50).Matches(@"^[A-Za-z0-9_+-]+\z")
            .WithMessage("each coupon code has 1–50 letters, digits, '-', '_' or '+' (C1).").When(s => s.CouponCodes is not null);
        When(s => s.Override is not null, () =>
        {
            RuleFor(s => s.Override!.PaymentType).Equal(Subscription.ExternalPayment).WithMessage($"payment_type must be \"{Subscription.ExternalPayment}\" with a price override (S4).");
            RuleFor(s => s.Override!.Price).NotNull().WithMessage("price is required with a price override (S4).");
            RuleFor(s => s.Override!.Price)
                .Must((s, price) => !Currency.TryFind(s.Currency, out var currency) || (price >= 0 && Money.TryFromMajor(price!.Value, currency, out _)))
                .WithMessage(s => $"price must be zero or positive with at most the decimals of {s.Currency} (S4).")
                .When(s => s.Override!.Price is not null);
            RuleFor(s => s.Override!.ChargedBy).MaximumLength(50).Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
            RuleFor(s => s.Override!.DiscountCodeName).MaximumLength(100).Matches(Grammar.OneLine).WithMessage(Grammar.OneLineMessage);
            RuleFor(s => s.Override!.CouponCode).MaximumLength(100);
            RuleFor(s => s.CouponCodes).Empty().WithMessage("coupon_codes cannot be combined with a price override: the partner's price is final (S4).");
        });
    }
}

/// <summary>
/// S3 + R6: creates the subscription, redeems its coupon codes and issues its first invoice in one
/// transaction; any refusal rolls everything back, so a failed signup leaves no redemption. A free-trial
/// coupon starts the subscription with its trial (C4, R9); a price override charges the partner's price (S4).
/// </summary>
internal sealed class CreateSubscriptionHandler(SubscriptionsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<CreateSubscription, Result<SubscriptionDto>>
{
    public async Task<Result<SubscriptionDto>> Handle(CreateSubscription request, CancellationToken cancellationToken)
    {
        var account = await db.AccountAsync(request.AccountCode, cancellationToken);
        if (account is null)
        {
            return SubscriptionErrors.AccountNotFound(request.AccountCode);
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

        var codes = (request.CouponCodes ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var trial = await SignupTrial.OfAsync(mediator, plan, codes, cancellationToken);
        if (!trial.IsSuccess)
        {
            return trial.Error;
        }

        var subscription = Start(request, plan, request.Override is null ? trial.Value : null, clock.GetUtcNow());
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);

        foreach (string code in codes)
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

        if (subscription.State == SubscriptionState.InTrial)
        {
            // S3: in a trial, purchase_price is what the first paid period will cost after coupons.
            var price = await InvoiceRequests.NextPeriodPriceAsync(mediator, subscription, cancellationToken);
            if (!price.IsSuccess)
            {
                return price.Error;
            }

            subscription.PricedAfterCoupons(price.Value);
        }
        else
        {
            RenewalSteps.Invoiced(subscription, invoice.Value);
        }

        db.Publish(new SubscriptionCreated(Guid.NewGuid(), subscription.CreatedAt, subscription.ToSnapshot()));
        await db.SaveChangesAsync(cancellationToken);
        return subscription.ToDto(invoice.Value);
    }

    private static Subscription Start(CreateSubscription request, Plan plan, BillingInterval? trial, DateTimeOffset now)
    {
        var subscription = Subscription.Start(
            Ids.New("sub"),
            request.AccountCode,
            plan,
            request.Currency,
            request.Quantity ?? 1,
            (request.AddOns ?? []).Select(a => new SubscriptionAddOn(a.Code, a.Quantity)),
            trial,
            now);
        if (request.Override is { } partner)
        {
            long price = Money.TryFromMajor(partner.Price!.Value, Currency.Of(request.Currency), out var minor) ? minor.Minor : 0;
            subscription.ChargePartnerPrice(new PartnerTerms(price, partner.PaymentType, partner.ChargedBy, partner.DiscountCodeName, partner.CouponCode));
        }

        subscription.PriceAt(plan);
        return subscription;
    }
}
