using Billing.BuildingBlocks.Persistence;

namespace Billing.Payments.Infrastructure;

/// <summary>
/// The SQL Payments sends itself, one text per engine (issue 19); null where an engine needs no statement. A
/// statement added here takes both.
/// </summary>
/// <param name="LockCollection">Serializes the collectors of one invoice ({0}: its number).</param>
/// <param name="Claim">
/// P2: claims the listed collections still in the state and attempt they were read in ({0} collecting, {1} the new
/// attempt, {2} now, {3} the numbers as <see cref="Numbers"/> binds them, {4} the state read, {5} the attempt read);
/// returns the numbers it claimed.
/// </param>
/// <param name="Settle">
/// P2/P4: settles the listed collections still collecting at the claimed attempt ({0} the new state, {1} first failed
/// at, {2} next attempt at, {3} now, {4} the numbers, {5} collecting, {6} the attempt); returns the numbers it settled.
/// </param>
internal sealed record PaymentsSql(string? LockCollection, string Claim, string Settle, bool NumbersAsJson)
{
    /// <summary>SQLite's write transactions run one at a time (BEGIN IMMEDIATE): an invoice's collectors queue already.</summary>
    public static readonly PaymentsSql Sqlite = new(
        LockCollection: null,
        Claim: """
            UPDATE payments_collections SET State = {0}, Attempts = {1}, UpdatedAt = {2}
            WHERE InvoiceNumber IN (SELECT value FROM json_each({3})) AND State = {4} AND Attempts = {5}
            RETURNING InvoiceNumber AS Value
            """,
        Settle: """
            UPDATE payments_collections SET State = {0}, FirstFailedAt = {1}, NextAttemptAt = {2}, UpdatedAt = {3}
            WHERE InvoiceNumber IN (SELECT value FROM json_each({4})) AND State = {5} AND Attempts = {6}
            RETURNING InvoiceNumber AS Value
            """,
        NumbersAsJson: true);

    /// <summary>
    /// At READ COMMITTED two collectors of one invoice would both find no collection row and both insert it; a lock
    /// on the invoice number, held until the transaction ends, makes the second wait and then read the first's row.
    /// </summary>
    public static readonly PaymentsSql Postgres = new(
        LockCollection: "SELECT pg_advisory_xact_lock(hashtextextended('payments.collection:' || {0}::text, 0))",
        Claim: """
            UPDATE payments.payments_collections SET "State" = {0}, "Attempts" = {1}, "UpdatedAt" = {2}
            WHERE "InvoiceNumber" = ANY({3}) AND "State" = {4} AND "Attempts" = {5}
            RETURNING "InvoiceNumber" AS "Value"
            """,
        Settle: """
            UPDATE payments.payments_collections SET "State" = {0}, "FirstFailedAt" = {1}, "NextAttemptAt" = {2}, "UpdatedAt" = {3}
            WHERE "InvoiceNumber" = ANY({4}) AND "State" = {5} AND "Attempts" = {6}
            RETURNING "InvoiceNumber" AS "Value"
            """,
        NumbersAsJson: false);

    /// <summary>A list of invoice numbers as one parameter: a JSON array for SQLite's json_each, an array for PostgreSQL's ANY.</summary>
    public object Numbers(IEnumerable<long> numbers) =>
        NumbersAsJson ? System.Text.Json.JsonSerializer.Serialize(numbers.ToArray()) : numbers.ToArray();

    public static PaymentsSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}
