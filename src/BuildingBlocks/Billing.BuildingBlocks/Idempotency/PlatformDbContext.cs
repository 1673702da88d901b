using Billing.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Billing.BuildingBlocks.Idempotency;

/// <summary>Tables of the platform itself rather than of a business module: idempotency keys.</summary>
internal sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options)
    : ModuleDbContext(options, TablePrefix)
{
    public new const string TablePrefix = "platform";

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("platform_idempotency_keys");
            record.HasKey(r => r.Key);
            record.HasIndex(r => r.CreatedAt);
        });
    }
}
