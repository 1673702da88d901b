using Billing.Coupons.Contracts;
using Billing.Invoicing.Application.Building;
using Billing.Invoicing.Application.Credits;
using Billing.Invoicing.Application.Lifecycle;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.GenerateInvoice;

/// <summary>What issuing an invoice means, however many are issued at once.</summary>
internal static class InvoiceIssuing
{
    public static InvoiceKind KindOf(Contracts.GenerateInvoice request) =>
        request.SubscriptionId is not null && request.PeriodStart is not null ? InvoiceKind.Period : InvoiceKind.OneTime;

    public static InvoiceDraft DraftOf(Contracts.GenerateInvoice request) => new(
        KindOf(request),
        request.AccountCode,
        request.SubscriptionId,
        request.PlanCode,
        request.Currency,
        request.PeriodStart,
        request.PeriodEnd,
        request.TaxRatePercent,
        request.IsTrial,
        request.Lines);

    public static InvoiceIssued IssuedEvent(Invoice invoice, IReadOnlyList<RedemptionDiscount> applied, DateTimeOffset now) => new(
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
        applied);

    /// <summary>P1: an invoice that asks for nothing is paid at issue; answers its event, or null while it is pending.</summary>
    public static InvoicePaid? SettleAtIssue(Invoice invoice, DateTimeOffset now)
    {
        invoice.SettleIfNothingDue(now);
        return invoice.State == Invoice.Paid ? InvoiceLifecycle.PaidEvent(invoice, now) : null;
    }

    /// <summary>R3 + R5: what Coupons records for the issued invoice, with the subscription period it bills (a change invoice's is the current one).</summary>
    public static RecordInvoiceDiscounts Recording(Invoice invoice, IReadOnlyList<RedemptionDiscount> applied) =>
        new(invoice.Number, invoice.Currency, invoice.SubscriptionId, invoice.Kind == InvoiceKind.Period ? invoice.PeriodStart : null, applied.Select(a => new AppliedRedemption(a.RedemptionId, a.AmountMinor)).ToList());
}

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
        if (InvoiceIssuing.KindOf(request) == InvoiceKind.Period
            && await db.Invoices.AsNoTracking().FirstOrDefaultAsync(
                i => i.Kind == InvoiceKind.Period && i.SubscriptionId == request.SubscriptionId && i.PeriodStart == request.PeriodStart,
                cancellationToken) is { } existing)
        {
            return existing.ToDto();
        }

        var now = clock.GetUtcNow();
        var draft = InvoiceIssuing.DraftOf(request);
        var applicable = await mediator.Send(InvoiceBuilder.ApplicableDiscountsFor(draft, now), cancellationToken);
        if (!applicable.IsSuccess)
        {
            return applicable.Error;
        }

        var (invoice, applied) = InvoiceBuilder.Build(draft, applicable.Value, now, Invoice.Pending);
        invoice.Numbered(await db.NextInvoiceNumberAsync(cancellationToken));
        var credits = await CreditBook.LoadAsync(db, [invoice.AccountCode], cancellationToken);
        credits.Settle(invoice, now);
        var paid = InvoiceIssuing.SettleAtIssue(invoice, now);
        db.Invoices.Add(invoice);
        db.Publish(InvoiceIssuing.IssuedEvent(invoice, applied, now));
        credits.Applied.ForEach(db.Publish);
        if (paid is not null)
        {
            db.Publish(paid);
        }

        await credits.StageAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // An issued invoice is never changed again: stop tracking it, so a scope that issues several invoices does
        // not compare every earlier one at each save.
        db.ChangeTracker.Clear();

        if (applied.Count > 0)
        {
            var recorded = await mediator.Send(InvoiceIssuing.Recording(invoice, applied), cancellationToken);
            if (!recorded.IsSuccess)
            {
                return recorded.Error;
            }
        }

        return invoice.ToDto();
    }
}
