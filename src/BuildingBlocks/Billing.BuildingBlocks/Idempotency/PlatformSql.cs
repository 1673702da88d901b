using Billing.BuildingBlocks.Persistence;

namespace Billing.BuildingBlocks.Idempotency;

/// <summary>
/// The SQL the platform sends itself, one text per engine (issue 19). The seam every module repeats in its
/// Infrastructure (<c>CouponsSql</c>, <c>InvoicingSql</c>, …): a statement added here takes both texts, SQLite's
/// (tables <c>platform_…</c>, columns unquoted) and PostgreSQL's (tables in the <c>platform</c> schema, columns quoted).
/// </summary>
internal sealed record PlatformSql(string ClaimKey, string CompleteKey)
{
    public static readonly PlatformSql Sqlite = new(
        ClaimKey: "INSERT OR IGNORE INTO platform_idempotency_keys (Key, RequestHash, Completed, CreatedAt) VALUES ({0}, {1}, 0, {2})",
        CompleteKey: "UPDATE platform_idempotency_keys SET Completed = 1, StatusCode = @status, ContentType = @type, Location = @location, Body = @body WHERE Key = @key");

    public static readonly PlatformSql Postgres = new(
        ClaimKey: """INSERT INTO platform.platform_idempotency_keys ("Key", "RequestHash", "Completed", "CreatedAt") VALUES ({0}, {1}, FALSE, {2}) ON CONFLICT DO NOTHING""",
        CompleteKey: """UPDATE platform.platform_idempotency_keys SET "Completed" = TRUE, "StatusCode" = @status, "ContentType" = @type, "Location" = @location, "Body" = @body WHERE "Key" = @key""");

    public static PlatformSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}
