using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.GenerateInvoice;

/// <summary>
/// Builds the invoice of a billing period or of one-time charges: asks Coupons for the applicable
/// redemptions, runs the discount engine and tax, takes the next gapless number, saves, records the
/// discounts with Coupons and publishes <see cref="InvoiceIssued"/> — all in the caller's transaction.
/// </summary>
internal sealed class GenerateInvoiceHandler(InvoicingDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<Contracts.GenerateInvoice, Result<InvoiceDto>>
{
    public async Task<Result<InvoiceDto>> Handle(Contracts.GenerateInvoice request, CancellationToken cancellationToken)
    {
        var kind = request.SubscriptionId is not null && request.PeriodStart is not null ? InvoiceKind.Period : InvoiceKind.OneTime;
        if (kind == InvoiceKind.Period
            && await db.Invoices.AsNoTracking().FirstOrDefaultAsync(
                i => i.Kind == InvoiceKind.Period && i.SubscriptionId == request.SubscriptionId && i.PeriodStart == request.PeriodStart,
                cancellationToken) is { } existing)
        {
            return existing.ToDto();
        }

        var now = clock.GetUtcNow();
        var applicable = await mediator.Send(
            new GetApplicableDiscounts(request.AccountCode, request.SubscriptionId, request.PlanCode, request.Currency, now),
            cancellationToken);
        if (!applicable.IsSuccess)
        {
            return applicable.Error;
        }

        var lines = request.Lines
            .Select(l => new DraftLine(Wire<LineType>.Parse(l.Type), l.Code, l.Description, l.Quantity, l.UnitAmountMinor))
            .ToList();
        var coupons = applicable.Value.Discounts
            .Select(d => new CouponDiscount(d.RedemptionId, d.CouponCode, d.DiscountType == "percent", d.Percent ?? 0, d.FixedAmountMinor ?? 0, d.AppliesToOneTimeCharges, d.RedeemedAt))
            .ToList();
        var settings = applicable.Value.Settings;
        var policy = new StackingPolicy(settings.OneTimeChargesDiscountable, settings.StackingOrder == "fixed_first", settings.PercentMode == "compound");
        var invoice = new Invoice
        {
            Kind = kind,
            AccountCode = request.AccountCode,
            SubscriptionId = request.SubscriptionId,
            PlanCode = request.PlanCode,
            Currency = request.Currency,
            IsTrial = request.IsTrial,
            PeriodStart = request.PeriodStart,
            PeriodEnd = request.PeriodEnd,
            CreatedAt = now,
            TaxRatePercent = request.TaxRatePercent,
        };
        var outcome = InvoiceCalculator.Calculate(
            invoice,
            lines,
            coupons,
            policy,
            applicable.Value.Discounts.ToDictionary(d => d.RedemptionId, d => d.InvoiceDescription));
        invoice.Number = await db.NextInvoiceNumberAsync(cancellationToken);
        db.Invoices.Add(invoice);

        var applied = outcome.Applied.Select(c => new RedemptionDiscount(c.RedemptionId, outcome.DiscountBy(c.RedemptionId))).ToList();
        db.Publish(new InvoiceIssued(
            Guid.NewGuid(),
            now,
            invoice.Number,
            invoice.AccountCode,
            invoice.SubscriptionId,
            invoice.Currency,
            invoice.Total,
            InvoiceCalculator.MoneyOf(invoice.Total, invoice.Currency).ToMajor(),
            invoice.PeriodStart,
            invoice.PeriodEnd,
            applied));
        await db.SaveChangesAsync(cancellationToken);

        if (applied.Count > 0)
        {
            var recorded = await mediator.Send(
                new RecordInvoiceDiscounts(invoice.Number, invoice.Currency, kind == InvoiceKind.Period, applied.Select(a => new AppliedRedemption(a.RedemptionId, a.AmountMinor)).ToList()),
                cancellationToken);
            if (!recorded.IsSuccess)
            {
                return recorded.Error;
            }
        }

        return invoice.ToDto();
    }
}
