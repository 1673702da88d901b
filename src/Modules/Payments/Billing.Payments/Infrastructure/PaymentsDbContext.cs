using Billing.BuildingBlocks.Persistence;
using Billing.Payments.Domain;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Infrastructure;

internal sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options)
    : ModuleDbContext(options, TablePrefix)
{
    public new const string TablePrefix = "payments";

    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();

    public DbSet<Collection> Collections => Set<Collection>();

    public DbSet<PaymentTransaction> Transactions => Set<PaymentTransaction>();

    /// <summary>Serializes the transactions that collect invoice <paramref name="number"/>, until the current one ends (P2).</summary>
    public async Task LockCollectionAsync(long number, CancellationToken cancellationToken)
    {
        if (PaymentsSql.For(Session.Provider).LockCollection is { } sql)
        {
            await Database.ExecuteSqlRawAsync(sql, [number], cancellationToken);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<PaymentMethod>(method =>
        {
            method.ToTable("payments_payment_methods");
            method.HasKey(m => m.AccountCode);
        });
        modelBuilder.Entity<Collection>(collection =>
        {
            collection.ToTable("payments_collections");
            collection.HasKey(c => c.InvoiceNumber);
            collection.Property(c => c.InvoiceNumber).ValueGeneratedNever();
            collection.Property(c => c.State).HasWireConversion();
            // P4: the dunning pass walks past-due invoices by their next attempt.
            collection.HasIndex(c => new { c.State, c.NextAttemptAt });
            collection.HasIndex(c => c.AccountCode);
        });
        modelBuilder.Entity<PaymentTransaction>(transaction =>
        {
            transaction.ToTable("payments_transactions");
            transaction.HasKey(t => t.Sequence);
            transaction.Property(t => t.Id).IsRequired();
            transaction.HasIndex(t => t.Id).IsUnique();
            transaction.Property(t => t.Kind).HasWireConversion();
            transaction.Property(t => t.Outcome).HasWireConversion();
            // The gateway's idempotency key of each attempt is unique.
            transaction.HasIndex(t => t.IdempotencyKey).IsUnique();
            // P2: an invoice is paid by at most one successful charge or recorded payment, whatever runs concurrently.
            transaction.HasIndex(t => t.InvoiceNumber).IsUnique().HasFilter("\"Outcome\" = 'succeeded' AND \"Kind\" <> 'refund'").HasDatabaseName("IX_payments_transactions_one_success_per_invoice");
            // Issue 16: an invoice's attempts page in creation order as an index seek.
            transaction.HasIndex(t => new { t.InvoiceNumber, t.Sequence });
        });
    }
}
