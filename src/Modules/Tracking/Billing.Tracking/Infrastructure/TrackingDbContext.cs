using Billing.BuildingBlocks.Persistence;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Billing.Tracking.Infrastructure;

internal sealed class TrackingDbContext(DbContextOptions<TrackingDbContext> options)
    : ModuleDbContext(options, TablePrefix)
{
    public new const string TablePrefix = "tracking";

    public DbSet<ConversionType> ConversionTypes => Set<ConversionType>();

    public DbSet<RevenueOrigin> RevenueOrigins => Set<RevenueOrigin>();

    public DbSet<Conversion> Conversions => Set<Conversion>();

    public DbSet<ConversionError> ConversionErrors => Set<ConversionError>();

    public DbSet<PaidInvoice> PaidInvoices => Set<PaidInvoice>();

    // Compiled once: every conversion posted (and every redemption's event) runs these, and EF Core's per-call
    // translation-cache look-up (hashing the expression tree, extracting its parameters) cost more than the statements.
    private static readonly Func<TrackingDbContext, string, CancellationToken, Task<bool>> ConversionTypeQuery =
        EF.CompileAsyncQuery((TrackingDbContext db, string code, CancellationToken _) => db.ConversionTypes.Any(t => t.Code == code));

    private static readonly Func<TrackingDbContext, string, CancellationToken, Task<bool>> RevenueOriginQuery =
        EF.CompileAsyncQuery((TrackingDbContext db, string id, CancellationToken _) => db.RevenueOrigins.Any(o => o.Id == id));

    private static readonly Func<TrackingDbContext, string, CancellationToken, Task<Conversion?>> OpenerQuery =
        EF.CompileAsyncQuery((TrackingDbContext db, string cid, CancellationToken _) =>
            db.Conversions.AsNoTracking().FirstOrDefault(c => c.Cid == cid && c.ConversionTypeCode == ConversionTypeCodes.CouponRedeem));

    private static readonly Func<TrackingDbContext, string, string, CancellationToken, Task<Conversion?>> ByExternalIdQuery =
        EF.CompileAsyncQuery((TrackingDbContext db, string type, string externalId, CancellationToken _) =>
            db.Conversions.AsNoTracking().FirstOrDefault(c => c.ConversionTypeCode == type && c.ExternalId == externalId));

    public Task<bool> ConversionTypeExistsAsync(string code, CancellationToken cancellationToken) => ConversionTypeQuery(this, code, cancellationToken);

    public Task<bool> RevenueOriginExistsAsync(string id, CancellationToken cancellationToken) => RevenueOriginQuery(this, id, cancellationToken);

    /// <summary>The couponredeem conversion that opened <paramref name="cid"/> (T3).</summary>
    public Task<Conversion?> OpenerAsync(string cid, CancellationToken cancellationToken) => OpenerQuery(this, cid, cancellationToken);

    /// <summary>The conversion recorded with this (type, externalId), which is unique (T4).</summary>
    public Task<Conversion?> ByExternalIdAsync(string type, string externalId, CancellationToken cancellationToken) =>
        ByExternalIdQuery(this, type, externalId, cancellationToken);

    /// <summary>T7: conversions counted and summed per UTC day, type, status, coupon code and currency over [start, end).</summary>
    public Task<List<ConversionReportGroup>> ConversionReportGroupsAsync(DateTime start, DateTime end, CancellationToken cancellationToken) =>
        Database.SqlQueryRaw<ConversionReportGroup>(TrackingSql.For(Session.Provider).ReportGroups, start, end).ToListAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ConversionType>(type =>
        {
            type.ToTable("tracking_conversion_types");
            type.HasKey(t => t.Code);
            type.HasData(new ConversionType
            {
                Code = ConversionTypeCodes.Sale,
                Name = "Sale",
                CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            });
        });
        modelBuilder.Entity<RevenueOrigin>(origin =>
        {
            origin.ToTable("tracking_revenue_origins");
            origin.HasKey(o => o.Id);
        });
        modelBuilder.Entity<Conversion>(conversion =>
        {
            conversion.ToTable("tracking_conversions");
            conversion.HasKey(c => c.Id);
            conversion.Property(c => c.Status).HasWireConversion();
            // Exact: a whole number of ten-thousandths, never a floating point number.
            conversion.Property(c => c.Amount).HasConversion(new ValueConverter<DecimalAmount, long>(amount => amount.TenThousandths, stored => new DecimalAmount(stored)));
            conversion.Property(c => c.CustomParams).HasJsonConversion();
            // T1: a conversion names a type and a revenue origin that exist, and the database holds to it.
            conversion.HasOne<ConversionType>().WithMany().HasForeignKey(c => c.ConversionTypeCode).OnDelete(DeleteBehavior.Restrict);
            conversion.HasOne<RevenueOrigin>().WithMany().HasForeignKey(c => c.RevenueOriginId).OnDelete(DeleteBehavior.Restrict);
            // T3/T4: an externalId is unique per conversion type, enforced by the database.
            conversion.HasIndex(c => new { c.ConversionTypeCode, c.ExternalId }).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
            // Issue 16: the ledger pages on (created_at, id), or (cid, created_at, id) for one cid; both serve the older lookups.
            conversion.HasIndex(c => new { c.Cid, c.CreatedAt, c.Id });
            conversion.HasIndex(c => c.SubscriptionId);
            conversion.HasIndex(c => new { c.CreatedAt, c.Id });
        });
        modelBuilder.Entity<PaidInvoice>(invoice =>
        {
            invoice.ToTable("tracking_paid_invoices");
            invoice.HasKey(i => i.Number);
            invoice.Property(i => i.Number).ValueGeneratedNever();
            invoice.Property(i => i.Refunded).HasDefaultValue(false);
            invoice.HasIndex(i => i.SubscriptionId);
            invoice.HasIndex(i => i.AccountCode);
        });
        modelBuilder.Entity<ConversionError>(error =>
        {
            error.ToTable("tracking_conversion_errors");
            error.HasKey(e => e.Id);
            error.HasOne<Conversion>().WithMany().HasForeignKey(e => e.ExistingConversionId).OnDelete(DeleteBehavior.Restrict);
            error.HasIndex(e => e.CreatedAt);
        });
    }
}
