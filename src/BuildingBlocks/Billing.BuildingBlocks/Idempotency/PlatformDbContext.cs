using Billing.BuildingBlocks.Clock;
using Billing.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Billing.BuildingBlocks.Idempotency;

/// <summary>
/// Tables of the platform itself rather than of a business module: idempotency keys, the test clock's instant, and on
/// PostgreSQL the Data Protection key ring that every host shares (issue 16).
/// </summary>
internal sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options)
    : ModuleDbContext(options, TablePrefix), IDataProtectionKeyContext
{
    public new const string TablePrefix = "platform";

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<TestClockRecord> TestClock => Set<TestClockRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("platform_idempotency_keys");
            record.HasKey(r => r.Key);
            record.HasIndex(r => r.CreatedAt);
            // The heartbeat and the start-up release read the few unfinished claims, never the day of stored answers.
            record.HasIndex(r => new { r.Completed, r.Owner });
        });
        modelBuilder.Entity<TestClockRecord>(clock =>
        {
            clock.ToTable("platform_test_clock");
            clock.HasKey(c => c.Id);
            clock.Property(c => c.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<DataProtectionKey>(key => key.ToTable("platform_data_protection_keys"));
    }
}
