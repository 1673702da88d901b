using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Application.Credits;

/// <summary>
/// P5 at issue, for one invoice or a bill run's wave (each account at most once): a negative total becomes the
/// account's credit in its currency; a positive total uses the credit there is, up to the total, after coupons and tax
/// (the invoice's amounts stay as they were: the credit is its own line). Read and written in the issuing transaction;
/// every change is a ledger entry, and the balance changes by one guarded statement per account and currency.
/// </summary>
internal sealed class CreditBook
{
    private readonly Dictionary<(string Account, string Currency), long> balances;
    private readonly Dictionary<(string Account, string Currency), long> changes = [];
    private readonly List<CreditLedgerEntry> entries = [];

    private CreditBook(Dictionary<(string, string), long> balances) => this.balances = balances;

    /// <summary>The <see cref="Contracts.CreditApplied"/> events of the invoices settled so far.</summary>
    public List<CreditApplied> Applied { get; } = [];

    public static async Task<CreditBook> LoadAsync(InvoicingDbContext db, IEnumerable<string> accountCodes, CancellationToken cancellationToken)
    {
        var codes = accountCodes.Distinct().ToList();
        var rows = await db.CreditBalances.AsNoTracking()
            .Where(b => EF.Parameter(codes).Contains(b.AccountCode) && b.Balance > 0)
            .ToListAsync(cancellationToken);
        return new CreditBook(rows.ToDictionary(b => (b.AccountCode, b.Currency), b => b.Balance));
    }

    /// <summary>
    /// I7 + P5: the credit a preview of <paramref name="invoice"/> would use at issue (the account's balance in its
    /// currency, up to its total), shown on the preview only: nothing is recorded and the balance is not changed.
    /// </summary>
    public static async Task PreviewAsync(InvoicingDbContext db, Invoice invoice, CancellationToken cancellationToken)
    {
        if (invoice.Total <= 0 || string.IsNullOrEmpty(invoice.AccountCode))
        {
            return;
        }

        long balance = await db.CreditBalances.AsNoTracking()
            .Where(b => b.AccountCode == invoice.AccountCode && b.Currency == invoice.Currency)
            .Select(b => b.Balance)
            .FirstOrDefaultAsync(cancellationToken);
        invoice.ApplyCredit(balance);
    }

    /// <summary>Applies P5 to a numbered invoice about to be saved.</summary>
    public void Settle(Invoice invoice, DateTimeOffset now)
    {
        if (invoice.Total < 0)
        {
            Record(invoice.AccountCode, invoice.Currency, -invoice.Total, CreditLedgerEntry.InvoiceCredit, invoice.Number, now);
            return;
        }

        long balance = balances.GetValueOrDefault((invoice.AccountCode, invoice.Currency));
        long applied = invoice.ApplyCredit(balance);
        if (applied > 0)
        {
            Applied.Add(new CreditApplied(Guid.NewGuid(), now, invoice.Number, invoice.AccountCode, invoice.Currency, applied, balance - applied));
            Record(invoice.AccountCode, invoice.Currency, -applied, CreditLedgerEntry.Applied, invoice.Number, now);
        }
    }

    /// <summary>P6: a refund to credit adds to the balance; the entry names the credit note.</summary>
    public void AddRefund(Invoice creditNote, long amount, DateTimeOffset now) =>
        Record(creditNote.AccountCode, creditNote.Currency, amount, CreditLedgerEntry.Refund, creditNote.Number, now);

    private void Record(string account, string currency, long change, string reason, long invoiceNumber, DateTimeOffset now)
    {
        var key = (account, currency);
        long balance = balances.GetValueOrDefault(key);
        balances[key] = balance + change;
        changes[key] = changes.GetValueOrDefault(key) + change;
        entries.Add(new CreditLedgerEntry
        {
            AccountCode = account,
            Currency = currency,
            Amount = change,
            Reason = reason,
            InvoiceNumber = invoiceNumber,
            BalanceAfter = balance + change,
            CreatedAt = now,
        });
    }

    /// <summary>Writes the balance changes now and stages the ledger entries for the caller's SaveChanges.</summary>
    public async Task StageAsync(InvoicingDbContext db, CancellationToken cancellationToken)
    {
        foreach (var ((account, currency), change) in changes.Where(c => c.Value != 0))
        {
            if (!await db.ChangeCreditAsync(account, currency, change, cancellationToken))
            {
                // The balance was read in this write transaction, so it cannot have been used meanwhile.
                throw new InvalidOperationException($"The credit balance of '{account}' in {currency} does not cover {-change} minor units.");
            }
        }

        db.CreditLedger.AddRange(entries);
    }
}
