using Billing.BuildingBlocks.Persistence;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Infrastructure;

internal sealed class SubscriptionsDbContext(DbContextOptions<SubscriptionsDbContext> options)
    : ModuleDbContext(options, TablePrefix)
{
    public new const string TablePrefix = "subscriptions";

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<Package> Packages => Set<Package>();

    /// <summary>Compiled once: every redemption and signup reads an account by code (see CouponsDbContext's queries).</summary>
    private static readonly Func<SubscriptionsDbContext, string, CancellationToken, Task<Account?>> AccountQuery =
        EF.CompileAsyncQuery((SubscriptionsDbContext db, string code, CancellationToken _) => db.Accounts.AsNoTracking().FirstOrDefault(a => a.Code == code));

    /// <summary>The account with this code, read without tracking.</summary>
    public Task<Account?> AccountAsync(string code, CancellationToken cancellationToken) => AccountQuery(this, code, cancellationToken);

    /// <summary>The plan with this code, read without tracking (S1: to subscribe to it, move to it, price it or show it).</summary>
    public Task<Plan?> PlanAsync(string code, CancellationToken cancellationToken) =>
        Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, cancellationToken);

    /// <summary>The package with this code, read without tracking (S7: to show, price or charge it).</summary>
    public Task<Package?> PackageAsync(string code, CancellationToken cancellationToken) =>
        Packages.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, cancellationToken);

    /// <summary>
    /// S6: the bill run's next batch — at most <paramref name="batchSize"/> live or canceled subscriptions whose period
    /// ended by <paramref name="now"/>, but <paramref name="excluded"/> — taken in the open transaction that renews
    /// them; on PostgreSQL claimed (<see cref="SubscriptionsSql.ClaimDue"/>) so that no other host's run takes them.
    /// </summary>
    public async Task<List<Subscription>> DueForRenewalAsync(DateTimeOffset now, IReadOnlyCollection<string> excluded, int batchSize, CancellationToken cancellationToken)
    {
        var due = Subscriptions.AsNoTracking()
            .Where(s => (s.State == SubscriptionState.Active || s.State == SubscriptionState.InTrial || s.State == SubscriptionState.Canceled)
                && s.CurrentPeriodEnd <= now);
        if (SubscriptionsSql.For(Session.Provider).ClaimDue is { } claim)
        {
            var claimed = await Database.SqlQueryRaw<string>(claim, now.UtcDateTime, excluded.ToArray(), batchSize).ToListAsync(cancellationToken);
            due = due.Where(s => claimed.Contains(s.Id));
        }
        else
        {
            var left = excluded.ToList();
            due = due.Where(s => !EF.Parameter(left).Contains(s.Id));
        }

        return await due.OrderBy(s => s.State).ThenBy(s => s.CurrentPeriodEnd).Take(batchSize).ToListAsync(cancellationToken);
    }

    /// <summary>Serializes the transactions that create a checkout's account for <paramref name="email"/> (ignoring case), until the current one ends.</summary>
    public async Task LockCheckoutEmailAsync(string email, CancellationToken cancellationToken)
    {
        if (SubscriptionsSql.For(Session.Provider).LockCheckoutEmail is { } sql)
        {
            await Database.ExecuteSqlRawAsync(sql, [email.Trim()], cancellationToken);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Plan>(plan =>
        {
            plan.ToTable("subscriptions_plans");
            plan.HasKey(p => p.Code);
            plan.Property(p => p.IntervalUnit).HasWireConversion();
            plan.Property(p => p.TrialUnit).HasWireConversion();
            plan.Property(p => p.Prices).HasJsonConversion();
            plan.Property(p => p.AddOns).HasJsonConversion();
            plan.Ignore(p => p.Interval);
            plan.Ignore(p => p.Trial);
            plan.Ignore(p => p.IsArchived);

            // Issue 16: plans and packages page in creation order on these.
            plan.HasIndex(p => new { p.CreatedAt, p.Code });
        });
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("subscriptions_accounts");
            account.HasKey(a => a.Code);
            account.Property(a => a.CollectionMethod).HasWireConversion().HasDefaultValue(CollectionMethod.Automatic);

            // Issue 16: the account list pages on these, alone or by country.
            account.HasIndex(a => new { a.CreatedAt, a.Code });
            account.HasIndex(a => new { a.Country, a.CreatedAt, a.Code });
        });
        modelBuilder.Entity<Subscription>(subscription =>
        {
            subscription.ToTable("subscriptions_subscriptions");
            subscription.HasKey(s => s.Id);
            subscription.Property(s => s.State).HasWireConversion();
            subscription.Property(s => s.IntervalUnit).HasWireConversion();
            subscription.Property(s => s.AddOns).HasJsonConversion();
            subscription.Ignore(s => s.Interval);
            subscription.Property(s => s.PaidForRest).HasDefaultValue(0L);
            subscription.Property(s => s.PaidDays).HasDefaultValue(0);
            // Issue 16: the subscription list pages on these, alone, by account or by plan (an account's lookups use the first too).
            subscription.HasIndex(s => new { s.AccountCode, s.CreatedAt, s.Id });
            subscription.HasIndex(s => new { s.CreatedAt, s.Id });
            subscription.HasIndex(s => new { s.PlanCode, s.CreatedAt, s.Id });
            subscription.HasIndex(s => new { s.State, s.CurrentPeriodEnd });
        });
        modelBuilder.Entity<Package>(package =>
        {
            package.ToTable("subscriptions_packages");
            package.HasKey(p => p.Code);
            package.Property(p => p.Prices).HasJsonConversion();
            package.HasIndex(p => new { p.CreatedAt, p.Code });
        });
    }
}
