using Billing.BuildingBlocks.Persistence;

namespace Billing.Tracking.Infrastructure;

/// <summary>
/// The SQL Tracking sends itself, one text per engine (issue 19): SQLite's (tables <c>tracking_…</c>, instants stored
/// as UTC text) and PostgreSQL's (tables in the <c>tracking</c> schema, instants as timestamptz). A statement added
/// here takes both.
/// </summary>
internal sealed record TrackingSql(string ReportGroups)
{
    /// <summary>
    /// Instants are stored as "yyyy-MM-dd HH:mm:ss…" UTC text: the first ten characters are the UTC day. A plain
    /// SUM("Amount") overflows after about 92,000 maximal amounts.
    /// </summary>
    public static readonly TrackingSql Sqlite = new(
        ReportGroups: """
            SELECT substr("CreatedAt", 1, 10) AS "Day", "ConversionTypeCode", "Status", "CouponCode", "Currency",
                   COUNT(*) AS "Count", SUM("Amount" / 10000) AS "Units", SUM("Amount" % 10000) AS "TenThousandths"
            FROM "tracking_conversions"
            WHERE "CreatedAt" >= {0} AND "CreatedAt" < {1}
            GROUP BY 1, 2, 3, 4, 5
            """);

    /// <summary>PostgreSQL sums bigints as numeric; each sum fits a bigint for the same reason as on SQLite.</summary>
    public static readonly TrackingSql Postgres = new(
        ReportGroups: """
            SELECT to_char("CreatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "Day", "ConversionTypeCode", "Status", "CouponCode", "Currency",
                   COUNT(*) AS "Count", SUM("Amount" / 10000)::bigint AS "Units", SUM("Amount" % 10000)::bigint AS "TenThousandths"
            FROM tracking.tracking_conversions
            WHERE "CreatedAt" >= {0} AND "CreatedAt" < {1}
            GROUP BY 1, 2, 3, 4, 5
            """);

    public static TrackingSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}
