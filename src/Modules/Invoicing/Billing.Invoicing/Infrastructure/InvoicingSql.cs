using Billing.BuildingBlocks.Persistence;

namespace Billing.Invoicing.Infrastructure;

/// <summary>
/// The SQL Invoicing sends itself, one text per engine (issue 19): SQLite's (tables <c>invoicing_…</c>, columns
/// unquoted) and PostgreSQL's (tables in the <c>invoicing</c> schema, columns quoted). A statement added here takes both.
/// </summary>
internal sealed record InvoicingSql(string AddCredit, string UseCredit, string TakeNumbers)
{
    public static readonly InvoicingSql Sqlite = new(
        AddCredit: "INSERT INTO invoicing_credit_balances (AccountCode, Currency, Balance) VALUES ({0}, {1}, {2}) ON CONFLICT (AccountCode, Currency) DO UPDATE SET Balance = Balance + excluded.Balance",
        UseCredit: "UPDATE invoicing_credit_balances SET Balance = Balance + {2} WHERE AccountCode = {0} AND Currency = {1} AND Balance + {2} >= 0",
        TakeNumbers: "UPDATE invoicing_sequences SET NextValue = NextValue + {1} WHERE Name = {0} RETURNING NextValue - {1} AS Value");

    /// <summary>
    /// TakeNumbers locks the counter row until the issuing transaction ends, so at READ COMMITTED a concurrent issuer
    /// waits and then reads the committed value: numbers stay gapless (I1), and a rollback gives them back.
    /// </summary>
    public static readonly InvoicingSql Postgres = new(
        AddCredit: """INSERT INTO invoicing.invoicing_credit_balances AS b ("AccountCode", "Currency", "Balance") VALUES ({0}, {1}, {2}) ON CONFLICT ("AccountCode", "Currency") DO UPDATE SET "Balance" = b."Balance" + excluded."Balance" """,
        UseCredit: """UPDATE invoicing.invoicing_credit_balances SET "Balance" = "Balance" + {2} WHERE "AccountCode" = {0} AND "Currency" = {1} AND "Balance" + {2} >= 0""",
        TakeNumbers: """UPDATE invoicing.invoicing_sequences SET "NextValue" = "NextValue" + {1} WHERE "Name" = {0} RETURNING "NextValue" - {1} AS "Value" """);

    public static InvoicingSql For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;
}
