using System.Data.Common;
using System.Globalization;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.SharedKernel;

namespace Billing.Coupons.Infrastructure;

/// <summary>
/// A redemption's own writes, one text per engine (issue 21): the per-account counter's guarded upsert, the sequence
/// number and the insert that the one-active-per-account index guards. Plain commands on the session's connection, in
/// its transaction, for the redemption and for its ceiling alike: one statement each instead of EF Core's query
/// pipeline, change tracking and savepoint.
/// </summary>
internal sealed record RedemptionRowSql(string CountAccountRedemption, string NextSequence, string InsertRedemption)
{
    public static readonly RedemptionRowSql Sqlite = new(
        CountAccountRedemption: """
            INSERT INTO coupons_account_redemptions (CouponId, AccountCode, Redemptions) VALUES (@coupon, @account, 1)
            ON CONFLICT (CouponId, AccountCode) DO UPDATE SET Redemptions = Redemptions + 1 WHERE Redemptions < @cap
            """,
        NextSequence: "UPDATE coupons_sequences SET Value = Value + 1 WHERE Name = @name RETURNING Value",
        InsertRedemption: """
            INSERT INTO coupons_redemptions (Id, CouponId, Code, AccountCode, SubscriptionId, Level, Currency, State, PeriodsDiscounted, DiscountedMinor, EndsAt, CreatedAt, Sequence, OnePerAccount)
            VALUES (@id, @coupon, @code, @account, @subscription, @level, @currency, @state, 0, 0, @endsAt, @now, @sequence, @onePerAccount)
            ON CONFLICT DO NOTHING
            """);

    public static readonly RedemptionRowSql Postgres = new(
        CountAccountRedemption: """
            INSERT INTO coupons.coupons_account_redemptions AS r ("CouponId", "AccountCode", "Redemptions") VALUES (@coupon, @account, 1)
            ON CONFLICT ("CouponId", "AccountCode") DO UPDATE SET "Redemptions" = r."Redemptions" + 1 WHERE r."Redemptions" < @cap
            """,
        NextSequence: """UPDATE coupons.coupons_sequences SET "Value" = "Value" + 1 WHERE "Name" = @name RETURNING "Value" """,
        InsertRedemption: """
            INSERT INTO coupons.coupons_redemptions ("Id", "CouponId", "Code", "AccountCode", "SubscriptionId", "Level", "Currency", "State", "PeriodsDiscounted", "DiscountedMinor", "EndsAt", "CreatedAt", "Sequence", "OnePerAccount")
            VALUES (@id, @coupon, @code, @account, @subscription, @level, @currency, @state, 0, 0, @endsAt, @now, @sequence, @onePerAccount)
            ON CONFLICT DO NOTHING
            """);

    public static RedemptionRowSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}

/// <summary>A redemption's own writes (issue 21), in the session's open transaction, which they require.</summary>
internal static class RedemptionRowStore
{
    /// <summary>
    /// C6 + R2: counts one more redemption of the coupon by the account unless that would pass the per-account cap —
    /// one guarded upsert, so the cap holds under any concurrency. False when the cap is reached.
    /// </summary>
    public static async Task<bool> TryCountAccountRedemptionAsync(this DbSession session, string couponId, string accountCode, int? cap, CancellationToken cancellationToken)
    {
        await using var command = Command(session, sql => sql.CountAccountRedemption, ("coupon", couponId), ("account", accountCode), ("cap", cap ?? int.MaxValue));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The next redemption sequence number (C17), taken with one UPDATE … RETURNING in the transaction.</summary>
    public static async Task<long> NextRedemptionSequenceAsync(this DbSession session, CancellationToken cancellationToken)
    {
        await using var command = Command(session, sql => sql.NextSequence, ("name", SequenceCounter.Redemptions));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Inserts a new redemption unless a uniqueness constraint refuses it: false when the one-active-per-account index
    /// does (issue 25 item 2). It does nothing then, so on PostgreSQL no failed statement aborts the transaction.
    /// </summary>
    public static async Task<bool> TryInsertRedemptionAsync(this DbSession session, Redemption redemption, CancellationToken cancellationToken)
    {
        await using var command = Command(
            session,
            sql => sql.InsertRedemption,
            ("id", redemption.Id),
            ("coupon", redemption.CouponId),
            ("code", redemption.Code),
            ("account", redemption.AccountCode),
            ("subscription", redemption.SubscriptionId),
            ("level", Wire<RedemptionResource>.Name(redemption.Level)),
            ("currency", redemption.Currency),
            ("state", Wire<RedemptionState>.Name(redemption.State)),
            ("endsAt", redemption.EndsAt?.UtcDateTime),
            ("now", redemption.CreatedAt.UtcDateTime),
            ("sequence", redemption.Sequence),
            ("onePerAccount", redemption.OnePerAccount));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static DbCommand Command(DbSession session, Func<RedemptionRowSql, string> text, params (string Name, object? Value)[] parameters) =>
        session.Transaction is null
            ? throw new InvalidOperationException("A redemption's rows are written only in the session's open transaction (the write queue on SQLite).")
            : session.Command(text(RedemptionRowSql.For(session.Provider)), parameters);
}
