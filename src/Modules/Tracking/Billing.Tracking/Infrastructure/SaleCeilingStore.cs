using System.Data.Common;
using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;

namespace Billing.Tracking.Infrastructure;

/// <summary>
/// The sale ceiling's own read (issue 21), one text per engine: the cid's opener, as a plain ADO.NET command on the
/// session's connection. Its writes are the ledger's (<see cref="ConversionLedgerStore"/>).
/// </summary>
internal sealed record SaleCeilingSql(string Opener)
{
    public static readonly SaleCeilingSql Sqlite = new(
        Opener: "SELECT Cid, CouponCode, GeoLocation, AccountCode, SubscriptionId FROM tracking_conversions WHERE Cid = @cid AND ConversionTypeCode = @opener LIMIT 1");

    public static readonly SaleCeilingSql Postgres = new(
        Opener: """SELECT "Cid", "CouponCode", "GeoLocation", "AccountCode", "SubscriptionId" FROM tracking.tracking_conversions WHERE "Cid" = @cid AND "ConversionTypeCode" = @opener LIMIT 1""");

    public static SaleCeilingSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}

/// <summary>The sale ceiling's read of the cid's opener (issue 21), without MediatR or EF Core.</summary>
internal static class SaleCeilingStore
{
    /// <summary>What the couponredeem conversion that opened <paramref name="cid"/> passes on (T3); null for an unknown cid.</summary>
    public static async Task<CidOpening?> OpeningAsync(this DbSession session, string cid, CancellationToken cancellationToken)
    {
        await using var command = session.Command(SaleCeilingSql.For(session.Provider).Opener, ("cid", cid), ("opener", ConversionTypeCodes.CouponRedeem));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CidOpening(reader.GetString(0), NullableString(reader, 1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4))
            : null;
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
