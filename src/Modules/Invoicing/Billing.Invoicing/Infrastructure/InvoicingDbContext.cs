using Billing.BuildingBlocks.Persistence;
using Billing.Invoicing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Billing.Invoicing.Infrastructure;

/// <summary>A named gapless counter (I1): taken inside the issuing transaction, so a rollback returns the number.</summary>
internal sealed class NumberSequence
{
    public const string Invoices = "invoice";

    public string Name { get; set; } = string.Empty;

    public long NextValue { get; set; }
}

internal sealed class InvoicingDbContext(DbContextOptions<InvoicingDbContext> options)
    : ModuleDbContext(options, TablePrefix)
{
    public new const string TablePrefix = "invoicing";

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<NumberSequence> Sequences => Set<NumberSequence>();

    public DbSet<CreditBalance> CreditBalances => Set<CreditBalance>();

    public DbSet<CreditLedgerEntry> CreditLedger => Set<CreditLedgerEntry>();

    /// <summary>
    /// P5: adds <paramref name="delta"/> to an account's balance in one statement — credit added by an upsert, credit
    /// used by an UPDATE guarded on the balance covering it (and a CHECK constraint behind it), so credit is never used
    /// twice. Answers whether the balance changed.
    /// </summary>
    public async Task<bool> ChangeCreditAsync(string accountCode, string currency, long delta, CancellationToken cancellationToken) =>
        await Database.ExecuteSqlRawAsync(
            delta >= 0 ? InvoicingSql.For(Session.Provider).AddCredit : InvoicingSql.For(Session.Provider).UseCredit,
            [accountCode, currency, delta],
            cancellationToken) == 1;

    /// <summary>The next gapless invoice number, taken with one UPDATE … RETURNING in the current transaction.</summary>
    public Task<long> NextInvoiceNumberAsync(CancellationToken cancellationToken) => NextInvoiceNumbersAsync(1, cancellationToken);

    /// <summary>The first of the next <paramref name="count"/> gapless invoice numbers, all taken with one UPDATE … RETURNING.</summary>
    public async Task<long> NextInvoiceNumbersAsync(int count, CancellationToken cancellationToken) =>
        (await Database
            .SqlQueryRaw<long>(InvoicingSql.For(Session.Provider).TakeNumbers, NumberSequence.Invoices, count)
            .ToListAsync(cancellationToken))
        .Single();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Invoice>(invoice =>
        {
            invoice.ToTable("invoicing_invoices");
            invoice.HasKey(i => i.Number);
            invoice.Property(i => i.Number).ValueGeneratedNever();
            invoice.Property(i => i.Kind).HasWireConversion();
            // I5: exactly one invoice per subscription and billing period.
            invoice.HasIndex(i => new { i.SubscriptionId, i.PeriodStart }).IsUnique().HasFilter("\"Kind\" = 'period'");
            // Issue 16: the invoice list pages in number order, alone (the key), by account, subscription or state.
            invoice.HasIndex(i => new { i.AccountCode, i.Number });
            invoice.HasIndex(i => new { i.SubscriptionId, i.Number });
            invoice.HasIndex(i => new { i.State, i.Number });

            // Issue 20: an account's invoices in a creation window (/api's created_from/created_to with account_code,
            // Recurly's begin_time/end_time on an account's invoices) seek the account's window here, the number after it.
            invoice.HasIndex(i => new { i.AccountCode, i.CreatedAt, i.Number });
            invoice.OwnsMany(i => i.Lines, line =>
            {
                line.ToTable("invoicing_invoice_lines");
                line.WithOwner().HasForeignKey("InvoiceNumber");
                line.HasKey("InvoiceNumber", nameof(InvoiceLine.Position));
                line.Property(l => l.Position).ValueGeneratedNever();
                line.Property(l => l.Type).HasWireConversion();
                line.Property(l => l.Discounts).HasJsonConversion();
            });
            invoice.Navigation(i => i.Lines).AutoInclude();
            invoice.Ignore(i => i.AmountDue);
            invoice.Property(i => i.AmountPaid).HasDefaultValue(0L);
            invoice.Property(i => i.CreditApplied).HasDefaultValue(0L);
            invoice.Property(i => i.AmountRefunded).HasDefaultValue(0L);
            invoice.Ignore(i => i.Refundable);
            invoice.Property(i => i.Payments).HasJsonConversion().HasDefaultValueSql("'[]'");
        });
        modelBuilder.Entity<CreditBalance>(balance =>
        {
            balance.ToTable("invoicing_credit_balances", table => table.HasCheckConstraint("CK_invoicing_credit_balances_never_negative", "\"Balance\" >= 0"));
            balance.HasKey(b => new { b.AccountCode, b.Currency });
        });
        modelBuilder.Entity<CreditLedgerEntry>(entry =>
        {
            entry.ToTable("invoicing_credit_ledger");
            entry.HasKey(e => e.Id);
            entry.HasIndex(e => new { e.AccountCode, e.Id });
        });
        modelBuilder.Entity<NumberSequence>(sequence =>
        {
            sequence.ToTable("invoicing_sequences");
            sequence.HasKey(s => s.Name);
            sequence.HasData(new NumberSequence { Name = NumberSequence.Invoices, NextValue = 1 });
        });
    }
}
