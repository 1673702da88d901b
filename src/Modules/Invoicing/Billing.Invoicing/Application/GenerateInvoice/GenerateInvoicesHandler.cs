using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Invoicing.Application.Building;
using Billing.Invoicing.Application.Credits;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.GenerateInvoice;

/// <summary>
/// The bill run's issuing: many invoices with the rules of <see cref="GenerateInvoiceHandler"/>, in waves in which
/// each account appears once — so an account's earlier invoice has consumed its coupons' periods (R5) before its
/// next one asks which coupons apply, exactly as one by one. Per wave: one query for periods already invoiced (I5),
/// one question to Coupons, the engine in memory, one block of gapless numbers (I1), rows and events written with
/// reused prepared statements, one recording of the discounts. All in the caller's transaction.
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
    private static IEnumerable<List<int>> Waves(IReadOnlyList<Contracts.GenerateInvoice> requests)
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

    private async Task<Result<int>> IssueAsync(List<(int Index, Contracts.GenerateInvoice Request)> wave, InvoiceDto[] answers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var toIssue = new List<(int Index, InvoiceDraft Draft)>(wave.Count);
        var existing = await AlreadyIssuedAsync(wave.Select(w => w.Request), cancellationToken);
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
        var events = new List<IIntegrationEvent>(toIssue.Count);
        var recordings = new List<RecordInvoiceDiscounts>();
        using (var invoices = RowWriter<Invoice>.Inserting(db))
        using (var lines = RowWriter<InvoiceLine>.Inserting(db))
        {
            for (int i = 0; i < toIssue.Count; i++)
            {
                var (invoice, applied) = InvoiceBuilder.Build(toIssue[i].Draft, applicable.Value[i], now, Invoice.Pending);
                invoice.Numbered(number++);
                credits.Settle(invoice, now);
                var paid = InvoiceIssuing.SettleAtIssue(invoice, now);
                invoices.Write(invoice);
                foreach (var line in invoice.Lines)
                {
                    lines.Write(line, invoice.Number);
                }

                events.Add(InvoiceIssuing.IssuedEvent(invoice, applied, now));
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
        }

        events.AddRange(credits.Applied);
        db.StoreEvents(events);
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

    /// <summary>I5: the invoices already issued for the wave's subscription periods, by subscription and period start.</summary>
    private async Task<Dictionary<(string, DateTimeOffset), Invoice>> AlreadyIssuedAsync(IEnumerable<Contracts.GenerateInvoice> requests, CancellationToken cancellationToken)
    {
        var wanted = requests
            .Where(r => InvoiceIssuing.KindOf(r) == InvoiceKind.Period)
            .Select(r => (r.SubscriptionId!, r.PeriodStart!.Value))
            .ToHashSet();
        var subscriptionIds = wanted.Select(w => w.Item1).Distinct().ToList();
        var issued = await db.Invoices.AsNoTracking()
            .Where(i => i.Kind == InvoiceKind.Period && EF.Parameter(subscriptionIds).Contains(i.SubscriptionId!))
            .Select(i => new { SubscriptionId = i.SubscriptionId!, PeriodStart = i.PeriodStart!.Value, i.Number })
            .ToListAsync(cancellationToken);
        var numbers = issued.Where(i => wanted.Contains((i.SubscriptionId, i.PeriodStart))).Select(i => i.Number).ToList();
        if (numbers.Count == 0)
        {
            return [];
        }

        var invoices = await db.Invoices.AsNoTracking().Where(i => EF.Parameter(numbers).Contains(i.Number)).ToListAsync(cancellationToken);
        return invoices.ToDictionary(i => (i.SubscriptionId!, i.PeriodStart!.Value));
    }
}
