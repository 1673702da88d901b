using Billing.BuildingBlocks.Persistence;
using Billing.Invoicing.Domain;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Infrastructure;

/// <summary>
/// The persistence of issuing invoices (issue 19), the same for one invoice and a bill run's wave: the periods
/// already invoiced read by one key list (a JSON parameter, <see cref="EF.Parameter{T}"/>), and the issued invoices,
/// their lines and their events written in the open transaction with one reused statement per table
/// (<see cref="RowWriter{T}"/>, SQLite's or PostgreSQL's). An issued invoice is never changed again, so nothing is tracked.
/// </summary>
internal static class InvoiceStore
{
    /// <summary>I5: the invoices already issued for these subscription periods, by subscription and period start.</summary>
    public static async Task<Dictionary<(string SubscriptionId, DateTimeOffset PeriodStart), Invoice>> PeriodInvoicesAsync(
        this InvoicingDbContext db, IReadOnlyCollection<(string SubscriptionId, DateTimeOffset PeriodStart)> periods, CancellationToken cancellationToken)
    {
        if (periods.Count == 0)
        {
            return [];
        }

        var subscriptionIds = periods.Select(p => p.SubscriptionId).Distinct().ToList();
        var issued = await db.Invoices.AsNoTracking()
            .Where(i => i.Kind == InvoiceKind.Period && EF.Parameter(subscriptionIds).Contains(i.SubscriptionId!))
            .Select(i => new { SubscriptionId = i.SubscriptionId!, PeriodStart = i.PeriodStart!.Value, i.Number })
            .ToListAsync(cancellationToken);
        var wanted = periods.ToHashSet();
        var numbers = issued.Where(i => wanted.Contains((i.SubscriptionId, i.PeriodStart))).Select(i => i.Number).ToList();
        if (numbers.Count == 0)
        {
            return [];
        }

        var invoices = await db.Invoices.AsNoTracking().Where(i => EF.Parameter(numbers).Contains(i.Number)).ToListAsync(cancellationToken);
        return invoices.ToDictionary(i => (i.SubscriptionId!, i.PeriodStart!.Value));
    }

    /// <summary>Inserts numbered invoices with their lines, and their events into the outbox, in the open transaction.</summary>
    public static void WriteIssued(this InvoicingDbContext db, IReadOnlyList<Invoice> invoices, IReadOnlyList<IIntegrationEvent> events)
    {
        RowWriter<Invoice>.Insert(db, invoices);
        RowWriter<InvoiceLine>.Insert(db, invoices.SelectMany(invoice => invoice.Lines.Select(line => (line, (object?)invoice.Number))));
        db.StoreEvents(events);
    }
}
