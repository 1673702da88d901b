using Billing.Coupons.Contracts;
using Billing.Invoicing.Application.Building;
using Billing.Invoicing.Application.Credits;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;

namespace Billing.Invoicing.Application.InvoiceGeneration;

/// <summary>
/// Issues invoices of billing periods or of one-time charges, one (<see cref="GenerateInvoiceHandler"/> sends a batch
/// of one, issue 19) or the bill run's many alike, in the caller's transaction. In waves in which each account appears
/// once — so an account's earlier invoice has consumed its coupons' periods (R5) before its next one asks which coupons
/// apply, exactly as one by one. Per wave: one query for periods already invoiced, which answer the invoice already
/// issued (I5); one question to Coupons; the engine the previews use (<see cref="InvoiceBuilder"/>) in memory; one block
/// of gapless numbers (I1); credit settled (P5) and nothing-due invoices paid at issue (P1); rows and events written
/// by <see cref="InvoiceStore"/>; one recording of the discounts with Coupons — synchronously, so that a catch-up
/// renewal's next period already sees the consumed period (R5).
/// </summary>
internal sealed class GenerateInvoicesHandler(InvoicingDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<GenerateInvoices, Result<IReadOnlyList<InvoiceDto>>>
{
    public async Task<Result<IReadOnlyList<InvoiceDto>>> Handle(GenerateInvoices request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var answers = new InvoiceDto[request.Invoices.Count];
        foreach (var wave in Waves(request.Invoices))
        {
            var issued = await IssueAsync(wave.Select(i => (i, request.Invoices[i])).ToList(), answers, now, cancellationToken);
            if (!issued.IsSuccess)
            {
                return issued.Error;
            }
        }

        return answers;
    }

    /// <summary>Indexes of the requests, grouped so each account appears at most once per group, in request order.</summary>
    private static List<List<int>> Waves(IReadOnlyList<GenerateInvoice> requests)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var waves = new List<List<int>>();
        for (int i = 0; i < requests.Count; i++)
        {
            int wave = seen.TryGetValue(requests[i].AccountCode, out int before) ? before + 1 : 0;
            seen[requests[i].AccountCode] = wave;
            if (wave == waves.Count)
            {
                waves.Add([]);
            }

            waves[wave].Add(i);
        }

        return waves;
    }

    private async Task<Result<int>> IssueAsync(List<(int Index, GenerateInvoice Request)> wave, InvoiceDto[] answers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var toIssue = new List<(int Index, InvoiceDraft Draft)>(wave.Count);
        var existing = await db.PeriodInvoicesAsync(
            wave.Where(w => InvoiceIssuing.KindOf(w.Request) == InvoiceKind.Period).Select(w => (w.Request.SubscriptionId!, w.Request.PeriodStart!.Value)).ToList(),
            cancellationToken);
        foreach (var (index, request) in wave)
        {
            if (InvoiceIssuing.KindOf(request) == InvoiceKind.Period && existing.TryGetValue((request.SubscriptionId!, request.PeriodStart!.Value), out var invoice))
            {
                answers[index] = invoice.ToDto();
            }
            else
            {
                toIssue.Add((index, InvoiceIssuing.DraftOf(request)));
            }
        }

        if (toIssue.Count == 0)
        {
            return 0;
        }

        var applicable = await mediator.Send(
            new GetApplicableDiscountsForMany(toIssue.Select(t => InvoiceBuilder.ApplicableDiscountsFor(t.Draft, now)).ToList()),
            cancellationToken);
        if (!applicable.IsSuccess)
        {
            return applicable.Error;
        }

        long number = await db.NextInvoiceNumbersAsync(toIssue.Count, cancellationToken);
        var credits = await CreditBook.LoadAsync(db, toIssue.Select(t => t.Draft.AccountCode), cancellationToken);
        var invoices = new List<Invoice>(toIssue.Count);
        var events = new List<IIntegrationEvent>(toIssue.Count);
        var recordings = new List<RecordInvoiceDiscounts>();
        for (int i = 0; i < toIssue.Count; i++)
        {
            var (invoice, applied) = InvoiceBuilder.Build(toIssue[i].Draft, applicable.Value[i], now, Invoice.Pending);
            invoice.Numbered(number++);
            int creditsBefore = credits.Applied.Count;
            credits.Settle(invoice, now);
            var paid = InvoiceIssuing.SettleAtIssue(invoice, now);
            invoices.Add(invoice);

            // Each invoice's events in the order they happened: issued, its credit applied, paid.
            events.Add(InvoiceIssuing.IssuedEvent(invoice, applied, now));
            events.AddRange(credits.Applied.GetRange(creditsBefore, credits.Applied.Count - creditsBefore));
            if (paid is not null)
            {
                events.Add(paid);
            }

            if (applied.Count > 0)
            {
                recordings.Add(InvoiceIssuing.Recording(invoice, applied));
            }

            answers[toIssue[i].Index] = invoice.ToDto();
        }

        db.WriteIssued(invoices, events);
        await credits.StageAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if (recordings.Count > 0)
        {
            var recorded = await mediator.Send(new RecordManyInvoiceDiscounts(recordings), cancellationToken);
            if (!recorded.IsSuccess)
            {
                return recorded.Error;
            }
        }

        return toIssue.Count;
    }
}
