using System.Text;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Domain;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Infrastructure;

/// <summary>A named counter, taken inside the transaction that uses it (the order of redemptions, C17).</summary>
internal sealed class SequenceCounter
{
    public const string Redemptions = "redemption";

    public string Name { get; set; } = string.Empty;

    public long Value { get; set; }
}

internal sealed class CouponsDbContext(DbContextOptions<CouponsDbContext> options)
    : ModuleDbContext(options, TablePrefix)
{
    public new const string TablePrefix = "coupons";

    /// <summary>The partial unique index that holds one active redemption per account of a coupon without a per-account cap.</summary>
    public const string OneActivePerAccountIndex = "IX_coupons_redemptions_one_active_per_account";

    public DbSet<Coupon> Coupons => Set<Coupon>();

    public DbSet<Redemption> Redemptions => Set<Redemption>();

    public DbSet<CouponSettings> Settings => Set<CouponSettings>();

    public DbSet<UniqueCode> UniqueCodes => Set<UniqueCode>();

    public DbSet<AccountRedemptionCount> AccountRedemptionCounts => Set<AccountRedemptionCount>();

    public DbSet<SequenceCounter> Sequences => Set<SequenceCounter>();

    // Compiled once: every redemption runs these, and EF Core's per-call translation-cache look-up (hashing the
    // expression tree, extracting its parameters) cost more than the SQLite statements.
    private static readonly Func<CouponsDbContext, CancellationToken, Task<CouponSettings>> SettingsQuery =
        EF.CompileAsyncQuery((CouponsDbContext db, CancellationToken _) => db.Settings.AsNoTracking().Single());

    private static readonly Func<CouponsDbContext, string, CancellationToken, Task<Coupon?>> CouponByCodeQuery =
        EF.CompileAsyncQuery((CouponsDbContext db, string normalizedCode, CancellationToken _) => db.Coupons.AsNoTracking()
            .Where(c => c.NormalizedCode == normalizedCode)
            .OrderBy(c => c.State == CouponState.Redeemable ? 0 : 1)
            .ThenByDescending(c => c.CreatedAt)
            .FirstOrDefault());

    private static readonly Func<CouponsDbContext, string, CancellationToken, Task<Coupon?>> ExpiredCouponQuery =
        EF.CompileAsyncQuery((CouponsDbContext db, string couponId, CancellationToken _) => db.Coupons.AsNoTracking()
            .FirstOrDefault(c => c.Id == couponId && c.State == CouponState.Expired));

    /// <summary>The site's coupon settings (one row, read without tracking).</summary>
    public Task<CouponSettings> SettingsAsync(CancellationToken cancellationToken) => SettingsQuery(this, cancellationToken);

    /// <summary>The coupon whose own code is <paramref name="normalizedCode"/>: the redeemable one first (C15), then the newest.</summary>
    public Task<Coupon?> CouponByCodeAsync(string normalizedCode, CancellationToken cancellationToken) =>
        CouponByCodeQuery(this, normalizedCode, cancellationToken);

    /// <summary>The coupon with this id if it is expired, without tracking; null otherwise.</summary>
    public Task<Coupon?> ExpiredCouponAsync(string couponId, CancellationToken cancellationToken) =>
        ExpiredCouponQuery(this, couponId, cancellationToken);

    /// <summary>
    /// C16: inserts the candidate codes that are new — neither issued before (the codes' primary key ignores them) nor
    /// a redeemable coupon's own code — in one statement; answers the ones inserted.
    /// </summary>
    public async Task<List<string>> InsertNewUniqueCodesAsync(IReadOnlyList<string> codes, string couponId, DateTime now, CancellationToken cancellationToken)
    {
        var sql = CouponsSql.For(Session.Provider);
        var statement = new StringBuilder(sql.InsertUniqueCodesHead);
        var parameters = new List<object> { couponId, now };
        for (int i = 0; i < codes.Count; i++)
        {
            statement.Append(i == 0 ? "(" : ",(").Append('{').Append(parameters.Count).Append("})");
            parameters.Add(codes[i]);
        }

        statement.Append(sql.InsertUniqueCodesTail);
        return await Database.SqlQueryRaw<string>(statement.ToString(), [.. parameters]).ToListAsync(cancellationToken);
    }

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
            // A code is resolved among redeemable and expired coupons alike, which the partial index above cannot serve.
            coupon.HasIndex(c => c.NormalizedCode, "IX_coupons_coupons_NormalizedCode_AnyState");
            coupon.HasIndex(c => new { c.State, c.RedeemBy });

            // Issue 16: the coupon list pages on these, alone or by state.
            coupon.HasIndex(c => new { c.CreatedAt, c.Id });
            coupon.HasIndex(c => new { c.State, c.CreatedAt, c.Id });
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
            // Issue 25 item 2: a coupon without a per-account cap has at most one active redemption per account.
            redemption.HasIndex(r => new { r.CouponId, r.AccountCode }, OneActivePerAccountIndex).IsUnique().HasFilter("\"State\" = 'active' AND \"OnePerAccount\"");
            redemption.HasIndex(r => new { r.State, r.EndsAt });
            redemption.Property(r => r.Sequence).HasDefaultValue(0L);
            redemption.Property(r => r.OnePerAccount).HasDefaultValue(false);
            redemption.Property(r => r.CountedPeriods).HasJsonConversion().HasDefaultValueSql("'{}'");
            redemption.HasIndex(r => r.Sequence).IsUnique();

            // Issue 16: a coupon's and an account's redemptions page in sequence order on these.
            redemption.HasIndex(r => new { r.CouponId, r.Sequence });
            redemption.HasIndex(r => new { r.AccountCode, r.Sequence });

            // Issue 20: an account's redemptions in a creation window (Recurly's begin_time/end_time) seek the account's
            // window here and count it from the index alone; the sequence after the time keeps the page's order key in it.
            redemption.HasIndex(r => new { r.AccountCode, r.CreatedAt, r.Sequence });
        });
        modelBuilder.Entity<UniqueCode>(code =>
        {
            code.ToTable("coupons_unique_codes");
            // C16: a generated code is never issued twice, whatever happens to its coupon.
            code.HasKey(c => c.NormalizedCode);
            code.Property(c => c.State).HasWireConversion();
            // Issue 16: a coupon's codes page on these, alone or by state (the second also serves every lookup by coupon and state).
            code.HasIndex(c => new { c.CouponId, c.CreatedAt, c.NormalizedCode });
            code.HasIndex(c => new { c.CouponId, c.State, c.CreatedAt, c.NormalizedCode });
        });
        modelBuilder.Entity<AccountRedemptionCount>(count =>
        {
            count.ToTable("coupons_account_redemptions");
            count.HasKey(c => new { c.CouponId, c.AccountCode });
        });
        modelBuilder.Entity<SequenceCounter>(sequence =>
        {
            sequence.ToTable("coupons_sequences");
            sequence.HasKey(s => s.Name);
            sequence.HasData(new SequenceCounter { Name = SequenceCounter.Redemptions, Value = 0 });
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
