using System.Data.Common;
using System.Text.Json;
using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Tracking.Domain;

namespace Billing.Tracking.Infrastructure;

/// <summary>
/// The ledger's writes (T3, T4), one text per engine: the insert that the (type, externalId) unique index refuses for a
/// repeat, the look-up of the conversion that holds the externalId, and the error-log insert. Plain commands on the
/// session's connection, in its transaction: one statement per conversion instead of EF Core's change tracking,
/// savepoint and look-up before the insert (issue 21). The sale ceiling runs the same statements.
/// </summary>
internal sealed record ConversionLedgerSql(string InsertConversion, string ExistingByExternalId, string InsertError)
{
    public static readonly ConversionLedgerSql Sqlite = new(
        InsertConversion: """
            INSERT INTO tracking_conversions (Id, Cid, ConversionTypeCode, Status, CouponCode, ExternalId, Amount, Currency, GeoLocation, RevenueOriginId, CustomerId, CustomParams, AccountCode, SubscriptionId, RedemptionId, CreatedAt)
            VALUES (@id, @cid, @type, @status, @coupon, @externalId, @amount, @currency, @geo, @origin, @customer, @params, @account, @subscription, @redemption, @now)
            ON CONFLICT DO NOTHING
            """,
        ExistingByExternalId: "SELECT Id, CreatedAt FROM tracking_conversions WHERE ConversionTypeCode = @type AND ExternalId = @externalId",
        InsertError: """
            INSERT INTO tracking_conversion_errors (Id, Code, Message, ConversionTypeCode, ExternalId, ExistingConversionId, Cid, CreatedAt)
            VALUES (@id, @code, @message, @type, @externalId, @existing, @cid, @now)
            """);

    public static readonly ConversionLedgerSql Postgres = new(
        InsertConversion: """
            INSERT INTO tracking.tracking_conversions ("Id", "Cid", "ConversionTypeCode", "Status", "CouponCode", "ExternalId", "Amount", "Currency", "GeoLocation", "RevenueOriginId", "CustomerId", "CustomParams", "AccountCode", "SubscriptionId", "RedemptionId", "CreatedAt")
            VALUES (@id, @cid, @type, @status, @coupon, @externalId, @amount, @currency, @geo, @origin, @customer, @params, @account, @subscription, @redemption, @now)
            ON CONFLICT DO NOTHING
            """,
        ExistingByExternalId: """SELECT "Id", "CreatedAt" FROM tracking.tracking_conversions WHERE "ConversionTypeCode" = @type AND "ExternalId" = @externalId""",
        InsertError: """
            INSERT INTO tracking.tracking_conversion_errors ("Id", "Code", "Message", "ConversionTypeCode", "ExternalId", "ExistingConversionId", "Cid", "CreatedAt")
            VALUES (@id, @code, @message, @type, @externalId, @existing, @cid, @now)
            """);

    public static ConversionLedgerSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}

/// <summary>The ledger's statements (T3, T4), run in the session's open transaction, which they require.</summary>
internal static class ConversionLedgerStore
{
    /// <summary>
    /// Inserts the conversion unless a unique index refuses it: false for a repeat of its (type, externalId) (T4). On
    /// PostgreSQL a concurrent insert of the same pair makes this one wait for it, then do nothing: no failed statement
    /// aborts the caller's transaction, so no savepoint is needed.
    /// </summary>
    public static async Task<bool> TryInsertConversionAsync(this DbSession session, Conversion conversion, CancellationToken cancellationToken)
    {
        await using var command = Command(
            session,
            sql => sql.InsertConversion,
            ("id", conversion.Id),
            ("cid", conversion.Cid),
            ("type", conversion.ConversionTypeCode),
            ("status", Wire<ConversionStatus>.Name(conversion.Status)),
            ("coupon", conversion.CouponCode),
            ("externalId", conversion.ExternalId),
            ("amount", conversion.Amount?.TenThousandths),
            ("currency", conversion.Currency),
            ("geo", conversion.GeoLocation),
            ("origin", conversion.RevenueOriginId),
            ("customer", conversion.CustomerId),
            ("params", JsonSerializer.Serialize(conversion.CustomParams, JsonSerializerOptions.Default)),
            ("account", conversion.AccountCode),
            ("subscription", conversion.SubscriptionId),
            ("redemption", conversion.RedemptionId),
            ("now", conversion.CreatedAt.UtcDateTime));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The id and the recording time of the conversion with this (type, externalId); null when there is none.</summary>
    public static async Task<(string Id, DateTimeOffset CreatedAt)?> ExistingAsync(this DbSession session, string type, string externalId, CancellationToken cancellationToken)
    {
        await using var command = Command(session, sql => sql.ExistingByExternalId, ("type", type), ("externalId", externalId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)))
            : null;
    }

    /// <summary>T4: logs a refused repeat in the conversion error log.</summary>
    public static async Task InsertErrorAsync(this DbSession session, ConversionError error, CancellationToken cancellationToken)
    {
        await using var command = Command(
            session,
            sql => sql.InsertError,
            ("id", error.Id),
            ("code", error.Code),
            ("message", error.Message),
            ("type", error.ConversionTypeCode),
            ("externalId", error.ExternalId),
            ("existing", error.ExistingConversionId),
            ("cid", error.Cid),
            ("now", error.CreatedAt.UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbSession session, Func<ConversionLedgerSql, string> text, params (string Name, object? Value)[] parameters) =>
        session.Transaction is null
            ? throw new InvalidOperationException("The ledger writes only in its caller's transaction (the write queue on SQLite).")
            : session.Command(text(ConversionLedgerSql.For(session.Provider)), parameters);
}
