using System.Data.Common;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.SharedKernel;

namespace Billing.Coupons.Infrastructure;

/// <summary>
/// The statements only the redemption ceiling (issue 21) runs, one text per engine: its read of the coupon and the
/// coupon counter's guarded update, sent as plain ADO.NET commands on the session's connection, in its transaction. The
/// conditions are the ones <see cref="Coupon.CanCountRedemption"/> and <see cref="Coupon.StateAfterCountedRedemption"/>
/// state for EF Core, which the redemption itself runs. Its other writes are the redemption's (<see cref="RedemptionRowStore"/>).
/// </summary>
internal sealed record CeilingSql(string CouponByCode, string CountRedemption)
{
    public static readonly CeilingSql Sqlite = new(
        CouponByCode: """
            SELECT Id, Code, MaxRedemptionsPerAccount, RedemptionResource, CouponType, DurationType, DurationUnit, DurationAmount
            FROM coupons_coupons WHERE NormalizedCode = @code
            ORDER BY CASE WHEN State = @redeemable THEN 0 ELSE 1 END, CreatedAt DESC LIMIT 1
            """,
        CountRedemption: """
            UPDATE coupons_coupons SET
                TimesRedeemed = TimesRedeemed + 1,
                State = CASE WHEN MaxRedemptions IS NOT NULL AND TimesRedeemed + 1 >= MaxRedemptions THEN @expired ELSE State END,
                ExpireReason = CASE WHEN MaxRedemptions IS NOT NULL AND TimesRedeemed + 1 >= MaxRedemptions THEN @reason ELSE ExpireReason END,
                ExpiredAt = CASE WHEN MaxRedemptions IS NOT NULL AND TimesRedeemed + 1 >= MaxRedemptions THEN @now ELSE ExpiredAt END
            WHERE Id = @coupon AND State = @redeemable AND (MaxRedemptions IS NULL OR TimesRedeemed < MaxRedemptions)
            """);

    public static readonly CeilingSql Postgres = new(
        CouponByCode: """
            SELECT "Id", "Code", "MaxRedemptionsPerAccount", "RedemptionResource", "CouponType", "DurationType", "DurationUnit", "DurationAmount"
            FROM coupons.coupons_coupons WHERE "NormalizedCode" = @code
            ORDER BY CASE WHEN "State" = @redeemable THEN 0 ELSE 1 END, "CreatedAt" DESC LIMIT 1
            """,
        CountRedemption: """
            UPDATE coupons.coupons_coupons SET
                "TimesRedeemed" = "TimesRedeemed" + 1,
                "State" = CASE WHEN "MaxRedemptions" IS NOT NULL AND "TimesRedeemed" + 1 >= "MaxRedemptions" THEN @expired ELSE "State" END,
                "ExpireReason" = CASE WHEN "MaxRedemptions" IS NOT NULL AND "TimesRedeemed" + 1 >= "MaxRedemptions" THEN @reason ELSE "ExpireReason" END,
                "ExpiredAt" = CASE WHEN "MaxRedemptions" IS NOT NULL AND "TimesRedeemed" + 1 >= "MaxRedemptions" THEN @now ELSE "ExpiredAt" END
            WHERE "Id" = @coupon AND "State" = @redeemable AND ("MaxRedemptions" IS NULL OR "TimesRedeemed" < "MaxRedemptions")
            """);

    public static CeilingSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}

/// <summary>
/// The redemption ceiling's reads and guarded writes (issue 21): what a redemption must do in the database, without
/// MediatR, EF Core or the outbox. The writes run in the session's transaction, so they queue for the same write lock
/// and wait for the same group-commit fsync as every other write.
/// </summary>
internal static class RedemptionCeilingStore
{
    /// <summary>The coupon whose own code is <paramref name="normalizedCode"/>, the redeemable one first (C15); its terms as a ceiling needs them.</summary>
    public static async Task<Coupon?> CouponByCodeAsync(this DbSession session, string normalizedCode, CancellationToken cancellationToken)
    {
        await using var command = Command(session, sql => sql.CouponByCode, ("code", normalizedCode), ("redeemable", Wire<CouponState>.Name(CouponState.Redeemable)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Coupon
        {
            Id = reader.GetString(0),
            Code = reader.GetString(1),
            MaxRedemptionsPerAccount = reader.IsDBNull(2) ? null : reader.GetInt32(2),
            RedemptionResource = Wire<RedemptionResource>.Parse(reader.GetString(3)),
            CouponType = Wire<CouponType>.Parse(reader.GetString(4)),
            DurationType = Wire<DurationType>.Parse(reader.GetString(5)),
            DurationUnit = reader.IsDBNull(6) ? null : Wire<TimeUnit>.Parse(reader.GetString(6)),
            DurationAmount = reader.IsDBNull(7) ? null : reader.GetInt32(7),
        };
    }

    /// <summary>R2, C13: the coupon counter's guarded update; the redemption that reaches the cap expires the coupon. False when it is not redeemable or at its cap.</summary>
    public static async Task<bool> TryCountRedemptionAsync(this DbSession session, string couponId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = Command(
            session,
            sql => sql.CountRedemption,
            ("coupon", couponId),
            ("redeemable", Wire<CouponState>.Name(CouponState.Redeemable)),
            ("expired", Wire<CouponState>.Name(CouponState.Expired)),
            ("reason", Wire<ExpireReason>.Name(ExpireReason.MaxRedemptions)),
            ("now", now.UtcDateTime));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static DbCommand Command(DbSession session, Func<CeilingSql, string> text, params (string Name, object? Value)[] parameters) =>
        session.Command(text(CeilingSql.For(session.Provider)), parameters);
}
