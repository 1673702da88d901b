using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Domain;
using Microsoft.EntityFrameworkCore;

namespace Billing.Coupons.Infrastructure;

/// <summary>
/// The persistence of the bill-run steps of Coupons (issue 19), the same for one invoice and a batch: redemptions and
/// coupons read by key lists without tracking (each list one JSON parameter, <see cref="EF.Parameter{T}"/>, not a
/// parameter per key), and changed redemptions written with one reused statement per batch (<see cref="RowWriter{T}"/>,
/// SQLite's or PostgreSQL's).
/// </summary>
internal static class RedemptionStore
{
    /// <summary>The redemptions of <paramref name="candidates"/> held by <paramref name="accountCodes"/>, without tracking.</summary>
    public static Task<List<Redemption>> OfAccountsAsync(this IQueryable<Redemption> candidates, IReadOnlyCollection<string> accountCodes, CancellationToken cancellationToken) =>
        candidates.AsNoTracking().Where(r => EF.Parameter(accountCodes).Contains(r.AccountCode)).ToListAsync(cancellationToken);

    /// <summary>The redemptions with these ids, without tracking, by id.</summary>
    public static Task<Dictionary<string, Redemption>> RedemptionsByIdAsync(this CouponsDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        db.Redemptions.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);

    /// <summary>The coupons behind <paramref name="redemptions"/>, without tracking, by id.</summary>
    public static Task<Dictionary<string, Coupon>> CouponsOfAsync(this CouponsDbContext db, IEnumerable<Redemption> redemptions, CancellationToken cancellationToken)
    {
        var ids = redemptions.Select(r => r.CouponId).Distinct().ToList();
        return db.Coupons.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
    }

    /// <summary>
    /// Writes every column of each redemption in the open transaction. A copy the context still tracks (a redemption
    /// made earlier in the same transaction, say by a signup) stops being tracked, so a later query reads the row as
    /// written here instead of the stale copy.
    /// </summary>
    public static void WriteRedemptions(this CouponsDbContext db, IReadOnlyCollection<Redemption> redemptions)
    {
        RowWriter<Redemption>.Update(db, redemptions);
        var written = redemptions.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in db.ChangeTracker.Entries<Redemption>().Where(e => written.Contains(e.Entity.Id)).ToList())
        {
            stale.State = EntityState.Detached;
        }
    }
}
