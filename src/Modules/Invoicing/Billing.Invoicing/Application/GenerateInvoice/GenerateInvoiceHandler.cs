using Billing.Coupons.Contracts;
using Billing.Invoicing.Application.Building;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.GenerateInvoice;

/// <summary>
/// Issues the invoice of a billing period or of one-time charges: builds it with <see cref="InvoiceBuilder"/> (the
/// engine the previews use), takes the next gapless number (I1), saves, records the discounts with Coupons —
/// synchronously, so that a catch-up renewal's next period already sees the consumed period (R5) — and publishes
/// <see cref="InvoiceIssued"/>, all in the caller's transaction. The same subscription period again answers the
/// invoice already issued (I5).
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
        var draft = new InvoiceDraft(
            kind,
            request.AccountCode,
            request.SubscriptionId,
            request.PlanCode,
            request.Currency,
            request.PeriodStart,
            request.PeriodEnd,
            request.TaxRatePercent,
            request.IsTrial,
            request.Lines);
        var applicable = await mediator.Send(InvoiceBuilder.ApplicableDiscountsFor(draft, now), cancellationToken);
        if (!applicable.IsSuccess)
        {
            return applicable.Error;
        }

        var (invoice, applied) = InvoiceBuilder.Build(draft, applicable.Value, now, Invoice.Issued);
        invoice.Number = await db.NextInvoiceNumberAsync(cancellationToken);
        db.Invoices.Add(invoice);
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

        // An issued invoice is never changed again: stop tracking it, so a bill run that issues many invoices in
        // one scope does not compare every earlier one at each save.
        db.ChangeTracker.Clear();

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
