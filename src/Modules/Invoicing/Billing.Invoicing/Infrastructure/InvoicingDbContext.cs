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

    /// <summary>The next gapless invoice number, taken with one UPDATE … RETURNING in the current transaction.</summary>
    public Task<long> NextInvoiceNumberAsync(CancellationToken cancellationToken) => NextInvoiceNumbersAsync(1, cancellationToken);

    /// <summary>The first of the next <paramref name="count"/> gapless invoice numbers, all taken with one UPDATE … RETURNING.</summary>
    public async Task<long> NextInvoiceNumbersAsync(int count, CancellationToken cancellationToken) =>
        (await Database
            .SqlQueryRaw<long>("UPDATE invoicing_sequences SET NextValue = NextValue + {1} WHERE Name = {0} RETURNING NextValue - {1} AS Value", NumberSequence.Invoices, count)
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
            invoice.HasIndex(i => i.AccountCode);
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
            invoice.Property(i => i.Payments).HasJsonConversion().HasDefaultValueSql("'[]'");
        });
        modelBuilder.Entity<NumberSequence>(sequence =>
        {
            sequence.ToTable("invoicing_sequences");
            sequence.HasKey(s => s.Name);
            sequence.HasData(new NumberSequence { Name = NumberSequence.Invoices, NextValue = 1 });
        });
    }
}
