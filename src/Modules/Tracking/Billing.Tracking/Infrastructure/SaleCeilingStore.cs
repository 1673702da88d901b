using System.Data.Common;
using System.Text.Json;
using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;

namespace Billing.Tracking.Infrastructure;

/// <summary>
/// The statements of the sale ceiling (issue 21), one text per engine: the reads and the writes a sale must run,
/// sent as plain ADO.NET commands on the session's connection, in its transaction. The (type, externalId) unique index
/// decides a repeat (T4), as it does for the ledger.
/// </summary>
internal sealed record SaleCeilingSql(string Opener, string InsertConversion, string ExistingByExternalId, string InsertError)
{
    public static readonly SaleCeilingSql Sqlite = new(
        Opener: "SELECT Cid, CouponCode, GeoLocation, AccountCode, SubscriptionId FROM tracking_conversions WHERE Cid = @cid AND ConversionTypeCode = @opener LIMIT 1",
        InsertConversion: """
            INSERT INTO tracking_conversions (Id, Cid, ConversionTypeCode, Status, CouponCode, ExternalId, Amount, Currency, GeoLocation, RevenueOriginId, CustomerId, CustomParams, AccountCode, SubscriptionId, RedemptionId, CreatedAt)
            VALUES (@id, @cid, @type, @status, @coupon, @externalId, @amount, @currency, @geo, @origin, @customer, @params, @account, @subscription, NULL, @now)
            ON CONFLICT DO NOTHING
            """,
        ExistingByExternalId: "SELECT Id, CreatedAt FROM tracking_conversions WHERE ConversionTypeCode = @type AND ExternalId = @externalId",
        InsertError: """
            INSERT INTO tracking_conversion_errors (Id, Code, Message, ConversionTypeCode, ExternalId, ExistingConversionId, Cid, CreatedAt)
            VALUES (@id, @code, @message, @type, @externalId, @existing, @cid, @now)
            """);

    public static readonly SaleCeilingSql Postgres = new(
        Opener: """SELECT "Cid", "CouponCode", "GeoLocation", "AccountCode", "SubscriptionId" FROM tracking.tracking_conversions WHERE "Cid" = @cid AND "ConversionTypeCode" = @opener LIMIT 1""",
        InsertConversion: """
            INSERT INTO tracking.tracking_conversions ("Id", "Cid", "ConversionTypeCode", "Status", "CouponCode", "ExternalId", "Amount", "Currency", "GeoLocation", "RevenueOriginId", "CustomerId", "CustomParams", "AccountCode", "SubscriptionId", "RedemptionId", "CreatedAt")
            VALUES (@id, @cid, @type, @status, @coupon, @externalId, @amount, @currency, @geo, @origin, @customer, @params, @account, @subscription, NULL, @now)
            ON CONFLICT DO NOTHING
            """,
        ExistingByExternalId: """SELECT "Id", "CreatedAt" FROM tracking.tracking_conversions WHERE "ConversionTypeCode" = @type AND "ExternalId" = @externalId""",
        InsertError: """
            INSERT INTO tracking.tracking_conversion_errors ("Id", "Code", "Message", "ConversionTypeCode", "ExternalId", "ExistingConversionId", "Cid", "CreatedAt")
            VALUES (@id, @code, @message, @type, @externalId, @existing, @cid, @now)
            """);

    public static SaleCeilingSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}

/// <summary>
/// The sale ceiling's reads and writes (issue 21): what recording a sale must do in the database, without MediatR,
/// EF Core or the outbox; the writes run in the session's transaction (same write queue, same group commit).
/// </summary>
internal static class SaleCeilingStore
{
    /// <summary>What the couponredeem conversion that opened <paramref name="cid"/> passes on (T3); null for an unknown cid.</summary>
    public static async Task<CidOpening?> OpeningAsync(this DbSession session, string cid, CancellationToken cancellationToken)
    {
        await using var command = Command(session, sql => sql.Opener, ("cid", cid), ("opener", ConversionTypeCodes.CouponRedeem));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CidOpening(reader.GetString(0), NullableString(reader, 1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4))
            : null;
    }

    /// <summary>Inserts the conversion unless the (type, externalId) index refuses it: false for a repeat (T4).</summary>
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
            ("now", conversion.CreatedAt.UtcDateTime));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The id and the recording time of the conversion with this (type, externalId).</summary>
    public static async Task<(string Id, DateTimeOffset CreatedAt)> ExistingAsync(this DbSession session, string type, string externalId, CancellationToken cancellationToken)
    {
        await using var command = Command(session, sql => sql.ExistingByExternalId, ("type", type), ("externalId", externalId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"The unique index refused ({type}, {externalId}), yet no conversion has it.");
        }

        return (reader.GetString(0), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)));
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

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DbCommand Command(DbSession session, Func<SaleCeilingSql, string> text, params (string Name, object? Value)[] parameters) =>
        session.Command(text(SaleCeilingSql.For(session.Provider)), parameters);
}
