using Billing.BuildingBlocks.Persistence;

namespace Billing.Payments.Infrastructure;

/// <summary>
/// The SQL Payments sends itself, one text per engine (issue 19); null where an engine needs no statement. A
/// statement added here takes both.
/// </summary>
internal sealed record PaymentsSql(string? LockCollection)
{
    /// <summary>SQLite's write transactions run one at a time (BEGIN IMMEDIATE): an invoice's collectors queue already.</summary>
    public static readonly PaymentsSql Sqlite = new(LockCollection: null);

    /// <summary>
    /// At READ COMMITTED two collectors of one invoice would both find no collection row and both insert it; a lock
    /// on the invoice number, held until the transaction ends, makes the second wait and then read the first's row.
    /// </summary>
    public static readonly PaymentsSql Postgres = new(
        LockCollection: "SELECT pg_advisory_xact_lock(hashtextextended('payments.collection:' || {0}::text, 0))");

    public static PaymentsSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}
