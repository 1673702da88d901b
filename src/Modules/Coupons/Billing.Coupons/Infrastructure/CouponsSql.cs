using Billing.BuildingBlocks.Persistence;

namespace Billing.Coupons.Infrastructure;

/// <summary>
/// The SQL Coupons sends itself, one text per engine (issue 19): SQLite's (tables <c>coupons_…</c>, columns
/// unquoted) and PostgreSQL's (tables in the <c>coupons</c> schema, columns quoted). A statement added here takes both.
/// </summary>
internal sealed record CouponsSql(string InsertUniqueCodesHead, string InsertUniqueCodesTail)
{
    public static readonly CouponsSql Sqlite = new(
        InsertUniqueCodesHead: "INSERT OR IGNORE INTO coupons_unique_codes (NormalizedCode, Code, CouponId, State, CreatedAt) SELECT column1, column1, {0}, 'redeemable', {1} FROM (VALUES ",
        InsertUniqueCodesTail: ") v WHERE NOT EXISTS (SELECT 1 FROM coupons_coupons c WHERE c.NormalizedCode = v.column1 AND c.State = 'redeemable') RETURNING Code AS Value");

    public static readonly CouponsSql Postgres = new(
        InsertUniqueCodesHead: """INSERT INTO coupons.coupons_unique_codes ("NormalizedCode", "Code", "CouponId", "State", "CreatedAt") SELECT v.column1, v.column1, {0}, 'redeemable', {1} FROM (VALUES """,
        InsertUniqueCodesTail: """) v WHERE NOT EXISTS (SELECT 1 FROM coupons.coupons_coupons c WHERE c."NormalizedCode" = v.column1 AND c."State" = 'redeemable') ON CONFLICT DO NOTHING RETURNING "Code" AS "Value" """);

    public static CouponsSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}
