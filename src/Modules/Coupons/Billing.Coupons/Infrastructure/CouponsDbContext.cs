using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Domain;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Infrastructure;

internal sealed class CouponsDbContext(DbContextOptions<CouponsDbContext> options, DbSession session)
    : ModuleDbContext(options, session, TablePrefix)
{
    public new const string TablePrefix = "coupons";

    public DbSet<Coupon> Coupons => Set<Coupon>();

    public DbSet<Redemption> Redemptions => Set<Redemption>();

    public DbSet<CouponSettings> Settings => Set<CouponSettings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Coupon>(coupon =>
        {
            coupon.ToTable("coupons_coupons");
            coupon.HasKey(c => c.Id);
            coupon.Property(c => c.DiscountType).HasWireConversion();
            coupon.Property(c => c.TrialUnit).HasWireConversion();
            coupon.Property(c => c.DurationType).HasWireConversion();
            coupon.Property(c => c.DurationUnit).HasWireConversion();
            coupon.Property(c => c.RedemptionResource).HasWireConversion();
            coupon.Property(c => c.CouponType).HasWireConversion();
            coupon.Property(c => c.State).HasWireConversion();
            coupon.Property(c => c.ExpireReason).HasWireConversion();
            coupon.Property(c => c.FixedAmounts).HasJsonConversion();
            coupon.Property(c => c.Metadata).HasJsonConversion();
            // C1: a code belongs to at most one redeemable coupon; expired ones may share it (C15).
            coupon.HasIndex(c => c.NormalizedCode).IsUnique().HasFilter("\"State\" = 'redeemable'");
            coupon.HasIndex(c => new { c.State, c.RedeemBy });
        });
        modelBuilder.Entity<Redemption>(redemption =>
        {
            redemption.ToTable("coupons_redemptions");
            redemption.HasKey(r => r.Id);
            redemption.Property(r => r.Level).HasWireConversion();
            redemption.Property(r => r.State).HasWireConversion();
            redemption.Property(r => r.InactiveReason).HasWireConversion();
            redemption.HasIndex(r => new { r.AccountCode, r.State });
            redemption.HasIndex(r => new { r.CouponId, r.AccountCode });
            redemption.HasIndex(r => new { r.State, r.EndsAt });
        });
        modelBuilder.Entity<CouponSettings>(settings =>
        {
            settings.ToTable("coupons_settings");
            settings.HasKey(s => s.Id);
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.StackingOrder).HasWireConversion();
            settings.Property(s => s.PercentMode).HasWireConversion();
            settings.HasData(new CouponSettings());
        });
    }
}
