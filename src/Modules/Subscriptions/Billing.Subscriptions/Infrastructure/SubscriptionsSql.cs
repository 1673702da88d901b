using Billing.BuildingBlocks.Persistence;

namespace Billing.Subscriptions.Infrastructure;

/// <summary>
/// The SQL Subscriptions sends itself, one text per engine (issue 19); null where the engine needs none (the query
/// is then EF Core's). A statement added here takes both.
/// </summary>
internal sealed record SubscriptionsSql(string? ClaimDue, string? LockCheckoutEmail)
{
    /// <summary>SQLite's write transactions run one at a time: neither the bill run's batch nor a checkout's new account needs a lock of its own.</summary>
    public static readonly SubscriptionsSql Sqlite = new(ClaimDue: null, LockCheckoutEmail: null);

    /// <summary>
    /// <see cref="LockCheckoutEmail"/> ({0} the email): at READ COMMITTED two checkouts of one new email would both find
    /// no account and both create one; a lock on the email (ignoring case), held until the transaction ends, makes the
    /// second wait and then find the first's account, and be refused (S2, K4).
    /// S6 on several hosts: the bill run's next batch of due subscriptions ({0} now, {1} ids to leave, {2} the batch
    /// size), locked until the renewing transaction ends; rows another host's batch holds are skipped, not waited
    /// for, so two hosts renew disjoint batches in parallel, and a dead host's rows are free again when its
    /// connection ends. Ordered as the (State, CurrentPeriodEnd) index.
    /// </summary>
    public static readonly SubscriptionsSql Postgres = new(
        ClaimDue: """
            SELECT "Id" AS "Value" FROM subscriptions.subscriptions_subscriptions
            WHERE "State" IN ('active', 'in_trial', 'canceled') AND "CurrentPeriodEnd" <= {0} AND NOT ("Id" = ANY ({1}))
            ORDER BY "State", "CurrentPeriodEnd"
            LIMIT {2}
            FOR UPDATE SKIP LOCKED
            """,
        LockCheckoutEmail: "SELECT pg_advisory_xact_lock(hashtextextended('subscriptions.checkout-email:' || lower({0}::text), 0))");

    public static SubscriptionsSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}
