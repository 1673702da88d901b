using Billing.Coupons.Contracts;
using Billing.Invoicing.Application.Building;
using Billing.Invoicing.Application.Credits;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Invoicing.Application.Preview;

/// <summary>
/// I7: computes an invoice with <see cref="InvoiceBuilder"/>, the engine <c>GenerateInvoice</c> uses, and only
/// shows it. A query: it runs outside any transaction, sends only queries to other modules, takes no number, saves
/// nothing, records no discount, publishes nothing and redeems nothing. For a known account, the account's credit
/// balance in the invoice's currency is shown as it would be applied at issue (P5: after coupons and tax, up to the
/// total), so the preview's amount due is what the issued invoice would ask for; the balance is only read.
/// </summary>
internal sealed class PreviewInvoiceHandler(IMediator mediator, InvoicingDbContext db, TimeProvider clock) : IRequestHandler<PreviewInvoice, Result<InvoiceDto>>
{
    /// <summary>Stands for the redemption a purchase would create; shown as no redemption (null) on the preview.</summary>
    private const string WouldBeRedemptionId = "would_be_redemption";

    /// <summary>The would-be redemption is made after every existing one (C17's order).</summary>
    private const long WouldBeSequence = long.MaxValue;

    /// <summary>No coupon and no account: nothing discounts the invoice, so the stacking settings play no part.</summary>
    private static readonly ApplicableDiscounts NoDiscounts = new(new StackingSettings(false, StackingOrder.PercentFirst, PercentMode.Full), []);

    public Task<Result<InvoiceDto>> Handle(PreviewInvoice request, CancellationToken cancellationToken) =>
        request.SubscriptionId is { } subscriptionId ? NextInvoiceAsync(subscriptionId, cancellationToken)
        : request.PackageCode is { } packageCode ? PackageAsync(request, packageCode, cancellationToken)
        : PurchaseAsync(request, cancellationToken);

    /// <summary>
    /// The subscription's next invoice, with the redemptions that will still apply when its period starts: a
    /// single_use already consumed does not, nor a temporal one that ends by then (R5).
    /// </summary>
    private async Task<Result<InvoiceDto>> NextInvoiceAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var upcoming = await mediator.Send(new GetUpcomingCharges(subscriptionId), cancellationToken);
        if (!upcoming.IsSuccess)
        {
            return upcoming.Error;
        }

        var now = clock.GetUtcNow();
        var draft = DraftOf(upcoming.Value);
        var applicable = await mediator.Send(InvoiceBuilder.ApplicableDiscountsFor(draft, now), cancellationToken);
        if (!applicable.IsSuccess)
        {
            return applicable.Error;
        }

        var invoice = InvoiceBuilder.Build(draft, applicable.Value, now, Invoice.Preview).Invoice;
        await CreditBook.PreviewAsync(db, invoice, cancellationToken);
        return invoice.ToDto();
    }

    /// <summary>
    /// The first invoice of a would-be subscription (setup fee included; the trial invoice for a plan with a trial,
    /// R9), discounted by the coupon as if redeemed at purchase (R6) and, for an existing account, by its
    /// account-level redemptions as the coupon settings would leave them (C17, R8).
    /// </summary>
    private async Task<Result<InvoiceDto>> PurchaseAsync(PreviewInvoice request, CancellationToken cancellationToken)
    {
        var charges = await mediator.Send(
            new PricePurchase(
                request.PlanCode!,
                request.Currency!,
                request.Quantity ?? 1,
                request.AddOns?.Select(a => new AddOnQuantity(a.Code, a.Quantity)).ToList(),
                request.AccountCode,
                request.CouponCode),
            cancellationToken);
        if (!charges.IsSuccess)
        {
            return charges.Error;
        }

        var coupon = await CouponOfAsync(request.CouponCode, code => new PreviewCoupon(code, charges.Value.Currency, charges.Value.PlanCode, request.AccountCode), cancellationToken);
        if (!coupon.IsSuccess)
        {
            return coupon.Error;
        }

        return await ShowAsync(DraftOf(charges.Value), request.AccountCode, coupon.Value, cancellationToken);
    }

    /// <summary>
    /// S7: the one-time invoice of a would-be purchase of a package, discounted as <see cref="PurchaseAsync"/> discounts a
    /// plan's: by the coupon as if redeemed on the account (only one that can discount a one-time charge, C7) and, for an
    /// existing account, by its account-level redemptions.
    /// </summary>
    private async Task<Result<InvoiceDto>> PackageAsync(PreviewInvoice request, string packageCode, CancellationToken cancellationToken)
    {
        var charges = await mediator.Send(new PricePackage(packageCode, request.Currency!, request.AccountCode), cancellationToken);
        if (!charges.IsSuccess)
        {
            return charges.Error;
        }

        var coupon = await CouponOfAsync(request.CouponCode, code => new PreviewCoupon(code, charges.Value.Currency, null, request.AccountCode, packageCode), cancellationToken);
        if (!coupon.IsSuccess)
        {
            return coupon.Error;
        }

        var draft = new InvoiceDraft(
            InvoiceKind.OneTime,
            charges.Value.AccountCode ?? string.Empty,
            null,
            null,
            charges.Value.Currency,
            null,
            null,
            charges.Value.TaxRatePercent,
            false,
            charges.Value.Lines);
        return await ShowAsync(draft, request.AccountCode, coupon.Value, cancellationToken);
    }

    /// <summary>The terms Coupons answers for the preview's coupon code (<paramref name="question"/>), or null without a code.</summary>
    private async Task<Result<CouponPreview?>> CouponOfAsync(string? couponCode, Func<string, PreviewCoupon> question, CancellationToken cancellationToken)
    {
        if (couponCode is null)
        {
            return Result<CouponPreview?>.Success(null);
        }

        var previewed = await mediator.Send(question(couponCode), cancellationToken);
        if (!previewed.IsSuccess)
        {
            return previewed.Error;
        }

        return previewed.Value;
    }

    /// <summary>The draft built with the would-be redemption and, for an existing account, its redemptions; the credit shown as it would apply.</summary>
    private async Task<Result<InvoiceDto>> ShowAsync(InvoiceDraft draft, string? accountCode, CouponPreview? coupon, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        ApplicableDiscounts? existing = null;
        if (accountCode is not null)
        {
            var applicable = await mediator.Send(InvoiceBuilder.ApplicableDiscountsFor(draft, now), cancellationToken);
            if (!applicable.IsSuccess)
            {
                return applicable.Error;
            }

            existing = applicable.Value;
        }

        var invoice = InvoiceBuilder.Build(draft, WithWouldBeRedemption(existing, coupon, now), now, Invoice.Preview).Invoice;
        foreach (var line in invoice.Lines)
        {
            line.ForgetRedemption(WouldBeRedemptionId);
        }

        await CreditBook.PreviewAsync(db, invoice, cancellationToken);
        return invoice.ToDto();
    }

    /// <summary>
    /// The redemptions that would apply once the coupon is redeemed. With one coupon per account (C17), a new
    /// account-level redemption replaces the account's active one, and a subscription-level money discount takes
    /// precedence over account-level ones (R8); a free_trial coupon discounts no amount.
    /// </summary>
    private static ApplicableDiscounts WithWouldBeRedemption(ApplicableDiscounts? existing, CouponPreview? coupon, DateTimeOffset now)
    {
        if (coupon is null)
        {
            return existing ?? NoDiscounts;
        }

        bool discountsAmount = coupon.DiscountType != DiscountType.FreeTrial;
        bool replacesAccountLevel = !coupon.MultipleCouponsPerAccount && (coupon.Level == RedemptionResource.Account || discountsAmount);
        List<ApplicableDiscount> discounts = replacesAccountLevel ? [] : [.. existing?.Discounts ?? []];
        if (discountsAmount)
        {
            discounts.Add(new ApplicableDiscount(
                WouldBeRedemptionId,
                coupon.CouponId,
                coupon.CouponCode,
                coupon.Level,
                coupon.DiscountType,
                coupon.Percent,
                coupon.FixedAmountMinor,
                coupon.AppliesToOneTimeCharges,
                coupon.InvoiceDescription,
                now,
                WouldBeSequence));
        }

        return new ApplicableDiscounts(coupon.Settings, discounts);
    }

    private static InvoiceDraft DraftOf(UpcomingCharges charges) =>
        new(
            InvoiceKind.Period,
            charges.AccountCode ?? string.Empty,
            charges.SubscriptionId,
            charges.PlanCode,
            charges.Currency,
            charges.PeriodStart,
            charges.PeriodEnd,
            charges.TaxRatePercent,
            charges.IsTrial,
            charges.Lines);
}
