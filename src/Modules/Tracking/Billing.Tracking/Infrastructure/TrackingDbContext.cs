using Billing.BuildingBlocks.Persistence;
using Billing.Tracking.Domain;
using Microsoft.EntityFrameworkCore;

namespace Billing.Tracking.Infrastructure;

internal sealed class TrackingDbContext(DbContextOptions<TrackingDbContext> options, DbSession session)
    : ModuleDbContext(options, session, TablePrefix)
{
    public new const string TablePrefix = "tracking";

    public DbSet<ConversionType> ConversionTypes => Set<ConversionType>();

    public DbSet<Conversion> Conversions => Set<Conversion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ConversionType>(type =>
        {
            type.ToTable("tracking_conversion_types");
            type.HasKey(t => t.Code);
            type.HasData(new ConversionType
            {
                Code = ConversionType.Sale,
                Name = "Sale",
                CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            });
        });
        modelBuilder.Entity<Conversion>(conversion =>
        {
            conversion.ToTable("tracking_conversions");
            conversion.HasKey(c => c.Id);
            conversion.Property(c => c.Status).HasWireConversion();
            // T3/T4: an externalId is unique per conversion type, enforced by the database.
            conversion.HasIndex(c => new { c.ConversionTypeCode, c.ExternalId }).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
            conversion.HasIndex(c => c.Cid);
            conversion.HasIndex(c => c.SubscriptionId);
        });
    }
}
