using Billing.BuildingBlocks.Persistence;
using Billing.Subscriptions.Domain;
using Microsoft.EntityFrameworkCore;

namespace Billing.Subscriptions.Infrastructure;

/// <summary>
/// The persistence of renewals (issue 19), the same for one subscription and a bill-run batch: the subscriptions'
/// accounts and plans read by key lists without tracking (each list one JSON parameter, <see cref="EF.Parameter{T}"/>,
/// not a parameter per key: a thousand named-parameter look-ups and a fresh statement per query otherwise), and the
/// renewed subscriptions written with one reused statement (<see cref="RowWriter{T}"/>, SQLite's or PostgreSQL's).
/// The batch itself is taken by <see cref="SubscriptionsDbContext.DueForRenewalAsync"/>.
/// </summary>
internal static class SubscriptionStore
{
    /// <summary>The subscription with this id, without tracking.</summary>
    public static Task<Subscription?> SubscriptionAsync(this SubscriptionsDbContext db, string id, CancellationToken cancellationToken) =>
        db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>The accounts of <paramref name="subscriptions"/>, by code.</summary>
    public static Task<Dictionary<string, Account>> AccountsOfAsync(this SubscriptionsDbContext db, IReadOnlyCollection<Subscription> subscriptions, CancellationToken cancellationToken)
    {
        var codes = subscriptions.Select(s => s.AccountCode).Distinct().ToList();
        return db.Accounts.AsNoTracking().Where(a => EF.Parameter(codes).Contains(a.Code)).ToDictionaryAsync(a => a.Code, cancellationToken);
    }

    /// <summary>The plans of <paramref name="subscriptions"/>, and those of their pending changes (S8), by code.</summary>
    public static Task<Dictionary<string, Plan>> PlansOfAsync(this SubscriptionsDbContext db, IReadOnlyCollection<Subscription> subscriptions, CancellationToken cancellationToken)
    {
        var codes = subscriptions.Select(s => s.PlanCode).Concat(subscriptions.Where(s => s.PendingPlanCode is not null).Select(s => s.PendingPlanCode!)).Distinct().ToList();
        return db.Plans.AsNoTracking().Where(p => EF.Parameter(codes).Contains(p.Code)).ToDictionaryAsync(p => p.Code, cancellationToken);
    }

    /// <summary>Writes every column of each subscription in the open transaction.</summary>
    public static void WriteSubscriptions(this SubscriptionsDbContext db, IEnumerable<Subscription> subscriptions) =>
        RowWriter<Subscription>.Update(db, subscriptions);
}
