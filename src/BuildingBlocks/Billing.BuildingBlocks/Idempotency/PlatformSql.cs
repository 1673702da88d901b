using Billing.BuildingBlocks.Persistence;

namespace Billing.BuildingBlocks.Idempotency;

/// <summary>
/// The SQL the platform sends itself, one text per engine (issue 19). The seam every module repeats in its
/// Infrastructure (<c>CouponsSql</c>, <c>InvoicingSql</c>, …): a statement added here takes both texts, SQLite's
/// (tables <c>platform_…</c>, columns unquoted) and PostgreSQL's (tables in the <c>platform</c> schema, columns quoted).
/// </summary>
internal sealed record PlatformSql(string ClaimKey, string CompleteKey, string TakeOverKey, string Heartbeat, string ReleaseStale)
{
    public static readonly PlatformSql Sqlite = new(
        ClaimKey: "INSERT OR IGNORE INTO platform_idempotency_keys (Key, RequestHash, Completed, CreatedAt, Owner, HeartbeatAt) VALUES ({0}, {1}, 0, {2}, {3}, " + SqliteNow + ")",
        CompleteKey: "UPDATE platform_idempotency_keys SET Completed = 1, StatusCode = @status, ContentType = @type, Location = @location, Body = @body WHERE Key = @key",
        TakeOverKey: "DELETE FROM platform_idempotency_keys WHERE Key = {0} AND (CreatedAt < {1} OR (Completed = 0 AND (HeartbeatAt IS NULL OR HeartbeatAt < " + SqliteStale + ")))",
        Heartbeat: "UPDATE platform_idempotency_keys SET HeartbeatAt = " + SqliteNow + " WHERE Owner = {0} AND Completed = 0",
        ReleaseStale: "DELETE FROM platform_idempotency_keys WHERE Completed = 0 AND (HeartbeatAt IS NULL OR HeartbeatAt < " + SqliteStale + ")");

    public static readonly PlatformSql Postgres = new(
        ClaimKey: """INSERT INTO platform.platform_idempotency_keys ("Key", "RequestHash", "Completed", "CreatedAt", "Owner", "HeartbeatAt") VALUES ({0}, {1}, FALSE, {2}, {3}, now()) ON CONFLICT DO NOTHING""",
        CompleteKey: """UPDATE platform.platform_idempotency_keys SET "Completed" = TRUE, "StatusCode" = @status, "ContentType" = @type, "Location" = @location, "Body" = @body WHERE "Key" = @key""",
        TakeOverKey: """DELETE FROM platform.platform_idempotency_keys WHERE "Key" = {0} AND ("CreatedAt" < {1} OR (NOT "Completed" AND ("HeartbeatAt" IS NULL OR "HeartbeatAt" < """ + PostgresStale + ")))",
        Heartbeat: """UPDATE platform.platform_idempotency_keys SET "HeartbeatAt" = now() WHERE "Owner" = {0} AND NOT "Completed" """,
        ReleaseStale: """DELETE FROM platform.platform_idempotency_keys WHERE NOT "Completed" AND ("HeartbeatAt" IS NULL OR "HeartbeatAt" < """ + PostgresStale + ")");

    /// <summary>The database's clock, in EF Core's text form of an instant: every host of one database reads the same one.</summary>
    private const string SqliteNow = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    private const string SqliteStale = "strftime('%Y-%m-%d %H:%M:%f', 'now', '-15 seconds')";

    private const string PostgresStale = "now() - interval '15 seconds'";

    public static PlatformSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}
