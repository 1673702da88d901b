using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Billing.Soak;

/// <summary>One check of the database and what it found wrong (empty: it passed).</summary>
internal sealed record CheckResult(string Name, IReadOnlyList<string> Violations);

/// <summary>
/// The soak's verdict, read from the SQLite file with plain SQL after the host is stopped, independently of the
/// service's code: the tables and columns are those the migrations create (src/Modules/*/Infrastructure/Migrations).
/// Each check joins on indexed keys or reads a table once: a 30-minute run leaves about 100,000 invoices, and a join
/// on a computed key (an invoice number cast to text) made one check read for hours.
/// </summary>
internal sealed class DatabaseChecks(SqliteConnection connection, Journal journal, DateTimeOffset clock)
{
    private static readonly string[] Modules = ["coupons", "subscriptions", "invoicing", "payments", "tracking", "webhooks", "platform"];

    /// <summary>The instant in the stored form (UTC, <c>yyyy-MM-dd HH:mm:ss</c> and fractions): text order is time order.</summary>
    private string Now => clock.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Every check, and what the database holds (how much the jobs and the workload did).</summary>
    public static (IReadOnlyList<CheckResult> Checks, IReadOnlyList<(string What, long Count)> Holdings) Run(string databasePath, Journal journal, DateTimeOffset clock)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        var checks = new DatabaseChecks(connection, journal, clock);
        return (checks.All(), checks.Holdings());
    }

    /// <summary>
    /// What the host still has to do by the final clock (the run waits for none before it stops the host): outbox
    /// messages not yet delivered, and subscriptions, redemptions, coupons and past-due invoices the jobs have not reached.
    /// </summary>
    public static (long Undelivered, int JobsBehind) Backlog(string databasePath, DateTimeOffset clock)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var checks = new DatabaseChecks(connection, new Journal(), clock);
        long undelivered = checks.Rows(string.Join(" UNION ALL ", Modules.Select(module => $"""SELECT COUNT(*) FROM "{module}_outbox" WHERE "ProcessedAt" IS NULL""")), r => (long)r[0]!).Sum();
        return (undelivered, checks.JobsBehind().Count);
    }

    private IReadOnlyList<CheckResult> All() =>
    [
        new("PRAGMA integrity_check is ok", Column("PRAGMA integrity_check").Where(r => r != "ok").ToList()),
        new("PRAGMA foreign_key_check finds nothing", Rows("PRAGMA foreign_key_check", r => $"{r[0]} row {r[1]} → {r[2]}")),
        new("no coupon over its max_redemptions", Rows("""
            SELECT c."Code", c."MaxRedemptions", c."TimesRedeemed", COUNT(r."Id") FROM "coupons_coupons" c
            LEFT JOIN "coupons_redemptions" r ON r."CouponId" = c."Id"
            WHERE c."MaxRedemptions" IS NOT NULL GROUP BY c."Id"
            HAVING COUNT(r."Id") > c."MaxRedemptions" OR c."TimesRedeemed" > c."MaxRedemptions"
            """, r => $"{r[0]}: cap {r[1]}, times_redeemed {r[2]}, {r[3]} redemptions")),
        new("each coupon's times_redeemed counts its redemptions", Rows("""
            SELECT c."Code", c."TimesRedeemed", COUNT(r."Id") FROM "coupons_coupons" c
            LEFT JOIN "coupons_redemptions" r ON r."CouponId" = c."Id" GROUP BY c."Id" HAVING COUNT(r."Id") <> c."TimesRedeemed"
            """, r => $"{r[0]}: times_redeemed {r[1]}, {r[2]} redemptions")),
        new("each unique code redeemed at most once, by the redemption it names", Rows("""
            SELECT u."Code", u."State", u."RedemptionId", (SELECT COUNT(*) FROM "coupons_redemptions" r WHERE upper(r."Code") = u."NormalizedCode")
            FROM "coupons_unique_codes" u
            WHERE (SELECT COUNT(*) FROM "coupons_redemptions" r WHERE upper(r."Code") = u."NormalizedCode") > 1
               OR (u."State" = 'redeemed') <> EXISTS (SELECT 1 FROM "coupons_redemptions" r WHERE r."Id" = u."RedemptionId")
            """, r => $"{r[0]} ({r[1]}, redemption {r[2]}): {r[3]} redemptions")),
        new("exactly one invoice per subscription and period", Rows("""
            SELECT "SubscriptionId", "PeriodStart", COUNT(*) FROM "invoicing_invoices" WHERE "Kind" = 'period'
            GROUP BY "SubscriptionId", "PeriodStart" HAVING COUNT(*) > 1
            """, r => $"{r[0]} period {r[1]}: {r[2]} invoices").Concat(PeriodChains()).ToList()),
        new("invoice numbers without gap or duplicate", InvoiceNumbers()),
        new("jobs caught up: nothing renewable, expirable or collectable is left past the final clock", JobsBehind()),
        new("every 2xx write is in the database", Answered2xx()),
        new("every refused write created nothing; no-answer writes at most once", RefusedWrites()),
        new("every outbox message delivered", Undelivered()),
        new("every inbox entry unique and of a published event", Inboxes()),
        new("each redemption tracked once (one couponredeem conversion with its cid)", Rows("""
            SELECT r."Id", r."Cid", COUNT(t."Id"), MIN(t."Cid") FROM "coupons_redemptions" r
            LEFT JOIN "tracking_conversions" t ON t."RedemptionId" = r."Id" AND t."ConversionTypeCode" = 'couponredeem'
            GROUP BY r."Id" HAVING COUNT(t."Id") <> 1 OR r."Cid" IS NOT MIN(t."Cid")
            """, r => $"{r[0]} (cid {r[1]}): {r[2]} couponredeem conversions, cid {r[3]}")),
        new("exactly one sale per paid invoice carrying a cid (T6: opened on its subscription or account by its issue), with its total, and no other sale", Rows("""
            SELECT s."ExternalId", COUNT(*), MIN(i."State"), MIN(i."Total"), MIN(s."Amount"), MIN(s."Cid"),
                   (SELECT COUNT(*) FROM "tracking_conversions" o WHERE o."Cid" = MIN(s."Cid") AND o."ConversionTypeCode" = 'couponredeem')
            FROM "tracking_conversions" s LEFT JOIN "invoicing_invoices" i ON i."Number" = CAST(s."ExternalId" AS INTEGER) AND CAST(i."Number" AS TEXT) = s."ExternalId"
            WHERE s."ConversionTypeCode" = 'sale' GROUP BY s."ExternalId"
            HAVING COUNT(*) > 1 OR MIN(i."State") IS NULL OR MIN(i."State") <> 'paid' OR MIN(s."Amount") <> MIN(i."Total") * 100
                OR (SELECT COUNT(*) FROM "tracking_conversions" o WHERE o."Cid" = MIN(s."Cid") AND o."ConversionTypeCode" = 'couponredeem') = 0
            """, r => $"sale of invoice {r[0]}: {r[1]} sales, invoice {r[2] ?? "missing"} total {r[3]}, sale amount {r[4]}, cid {r[5]} opened by {r[6]} couponredeem")
            .Concat(Rows("""
            WITH opened_on_subscription AS (SELECT "SubscriptionId", MIN("CreatedAt") AS "At" FROM "tracking_conversions"
                                            WHERE "ConversionTypeCode" = 'couponredeem' AND "SubscriptionId" IS NOT NULL GROUP BY "SubscriptionId"),
                 opened_on_account AS (SELECT "AccountCode", MIN("CreatedAt") AS "At" FROM "tracking_conversions"
                                       WHERE "ConversionTypeCode" = 'couponredeem' AND "SubscriptionId" IS NULL GROUP BY "AccountCode")
            SELECT i."Number", i."SubscriptionId", i."Total" FROM "invoicing_invoices" i
            LEFT JOIN opened_on_subscription os ON os."SubscriptionId" = i."SubscriptionId"
            LEFT JOIN opened_on_account oa ON oa."AccountCode" = i."AccountCode"
            WHERE i."State" = 'paid' AND i."Total" > 0 AND i."SubscriptionId" IS NOT NULL
              AND (os."At" <= i."CreatedAt" OR oa."At" <= i."CreatedAt")
              AND NOT EXISTS (SELECT 1 FROM "tracking_conversions" s WHERE s."ConversionTypeCode" = 'sale' AND s."ExternalId" = CAST(i."Number" AS TEXT))
            """, r => $"invoice {r[0]} of subscription {r[1]} (total {r[2]}) paid under a cid opened before its issue, without its sale")).ToList()),
        new("each credit ledger sums to its balance", Rows("""
            SELECT l."AccountCode", l."Currency", SUM(l."Amount"), COALESCE(b."Balance", 0),
                   (SELECT x."BalanceAfter" FROM "invoicing_credit_ledger" x WHERE x."AccountCode" = l."AccountCode" AND x."Currency" = l."Currency" ORDER BY x."Id" DESC LIMIT 1)
            FROM "invoicing_credit_ledger" l
            LEFT JOIN "invoicing_credit_balances" b ON b."AccountCode" = l."AccountCode" AND b."Currency" = l."Currency"
            GROUP BY l."AccountCode", l."Currency"
            HAVING SUM(l."Amount") <> COALESCE(b."Balance", 0) OR COALESCE(b."Balance", 0) <> (SELECT x."BalanceAfter" FROM "invoicing_credit_ledger" x WHERE x."AccountCode" = l."AccountCode" AND x."Currency" = l."Currency" ORDER BY x."Id" DESC LIMIT 1)
            """, r => $"{r[0]} {r[1]}: ledger sums to {r[2]}, balance {r[3]}, last balance_after {r[4]}")
            .Concat(Rows("""
            SELECT b."AccountCode", b."Currency", b."Balance" FROM "invoicing_credit_balances" b
            WHERE b."Balance" <> 0 AND NOT EXISTS (SELECT 1 FROM "invoicing_credit_ledger" l WHERE l."AccountCode" = b."AccountCode" AND l."Currency" = b."Currency")
            """, r => $"{r[0]} {r[1]}: balance {r[2]} without a ledger entry")).ToList()),
        new("each paid card invoice charged once", Rows("""
            SELECT "InvoiceNumber", COUNT(*) FROM "payments_transactions" WHERE "Kind" = 'charge' AND "Outcome" = 'succeeded'
            GROUP BY "InvoiceNumber" HAVING COUNT(*) > 1
            """, r => $"invoice {r[0]}: {r[1]} successful charges")),
        new("no answer was a server error", journal.ServerErrors.Take(20).ToList()),
        new("every replay with the same Idempotency-Key answered the same status and body", journal.ReplayMismatches.Take(20).ToList()),
    ];

    private List<(string What, long Count)> Holdings() =>
    [
        .. Rows("""SELECT 'subscriptions ' || "State" || COALESCE(' (' || "ExpireReason" || ')', ''), COUNT(*) FROM "subscriptions_subscriptions" GROUP BY 1 ORDER BY 1""", Holding),
        .. Rows("""SELECT 'renewal invoices (period invoices after a subscription''s first)', COUNT(*) - COUNT(DISTINCT "SubscriptionId") FROM "invoicing_invoices" WHERE "Kind" = 'period'""", Holding),
        .. Rows("""SELECT 'invoices ' || "Kind" || ' ' || "State", COUNT(*) FROM "invoicing_invoices" GROUP BY 1 ORDER BY 1""", Holding),
        .. Rows("""SELECT 'card charges ' || "Outcome", COUNT(*) FROM "payments_transactions" WHERE "Kind" = 'charge' GROUP BY 1 ORDER BY 1""", Holding),
        .. Rows("""SELECT 'redemptions ' || "State" || COALESCE(' (' || "InactiveReason" || ')', ''), COUNT(*) FROM "coupons_redemptions" GROUP BY 1 ORDER BY 1""", Holding),
        .. Rows("""SELECT 'coupons ' || "State" || COALESCE(' (' || "ExpireReason" || ')', ''), COUNT(*) FROM "coupons_coupons" GROUP BY 1 ORDER BY 1""", Holding),
        .. Rows("""SELECT 'tracking conversions ' || "ConversionTypeCode", COUNT(*) FROM "tracking_conversions" GROUP BY 1 ORDER BY 1""", Holding),
        .. Rows("""SELECT 'credit ledger entries', COUNT(*) FROM "invoicing_credit_ledger" """, Holding),
        .. Rows($"""SELECT 'integration events published', SUM(n) FROM ({string.Join(" UNION ALL ", Modules.Select(module => $"""SELECT COUNT(*) AS n FROM "{module}_outbox" """))})""", Holding),
    ];

    private static (string What, long Count) Holding(object?[] row) => ((string)row[0]!, row[1] as long? ?? 0);

    /// <summary>A subscription's period invoices follow each other without a hole and end where its current period ends.</summary>
    private List<string> PeriodChains()
    {
        var violations = new List<string>();
        var periods = new Dictionary<string, List<(DateTime Start, DateTime End)>>();
        foreach (var row in Rows("""SELECT "SubscriptionId", "PeriodStart", "PeriodEnd" FROM "invoicing_invoices" WHERE "Kind" = 'period' ORDER BY "SubscriptionId", "PeriodStart" """, r => r))
        {
            string id = (string)row[0]!;
            if (!periods.TryGetValue(id, out var list))
            {
                periods[id] = list = [];
            }

            list.Add((Instant(row[1]), Instant(row[2])));
        }

        foreach (var row in Rows("""SELECT "Id", "State", "CurrentPeriodStart", "CurrentPeriodEnd" FROM "subscriptions_subscriptions" """, r => r))
        {
            string id = (string)row[0]!;
            if (!periods.TryGetValue(id, out var list))
            {
                violations.Add($"{id} ({row[1]}): no period invoice");
                continue;
            }

            for (int index = 1; index < list.Count; index++)
            {
                if (list[index].Start != list[index - 1].End)
                {
                    violations.Add($"{id}: period {list[index - 1].Start:O}–{list[index - 1].End:O} then {list[index].Start:O}");
                }
            }

            if (list[^1].End != Instant(row[3]))
            {
                violations.Add($"{id} ({row[1]}): last period invoice ends {list[^1].End:O}, the current period {Instant(row[3]):O}");
            }
        }

        return violations;
    }

    private List<string> InvoiceNumbers()
    {
        var row = Rows("""SELECT COUNT(*), COUNT(DISTINCT "Number"), MIN("Number"), MAX("Number") FROM "invoicing_invoices" """, r => r).Single();
        long count = (long)row[0]!, distinct = (long)row[1]!;
        long min = row[2] as long? ?? 1, max = row[3] as long? ?? 0;
        var violations = new List<string>();
        if (distinct != count)
        {
            violations.Add($"{count - distinct} duplicate numbers");
        }

        if (min != 1 || max != count)
        {
            violations.Add($"{count} invoices numbered {min} to {max}: {max - min + 1 - distinct} missing");
        }

        return violations;
    }

    private List<string> JobsBehind() =>
    [
        .. Rows($"""SELECT "Id", "State", "CurrentPeriodEnd" FROM "subscriptions_subscriptions" WHERE "State" IN ('active', 'canceled', 'in_trial') AND "CurrentPeriodEnd" <= '{Now}' """,
            r => $"subscription {r[0]} {r[1]} with its period ended {r[2]}"),
        .. Rows($"""SELECT "Id", "EndsAt" FROM "coupons_redemptions" WHERE "State" = 'active' AND "EndsAt" IS NOT NULL AND "EndsAt" <= '{Now}' """,
            r => $"redemption {r[0]} active past its end {r[1]}"),
        .. Rows($"""SELECT "Code", "RedeemBy" FROM "coupons_coupons" WHERE "State" = 'redeemable' AND "RedeemBy" IS NOT NULL AND "RedeemBy" < '{Now}' """,
            r => $"coupon {r[0]} redeemable past redeem_by {r[1]}"),
        .. Rows($"""SELECT "InvoiceNumber", "NextAttemptAt" FROM "payments_collections" WHERE "State" = 'past_due' AND "NextAttemptAt" IS NOT NULL AND "NextAttemptAt" <= '{Now}' """,
            r => $"past-due invoice {r[0]} not retried since {r[1]}"),
    ];

    private List<string> Answered2xx()
    {
        var violations = new List<string>();
        var accounts = Set("""SELECT "Code" FROM "subscriptions_accounts" """);
        var cards = Set("""SELECT "AccountCode" FROM "payments_payment_methods" """);
        foreach (var account in journal.Accounts.Values)
        {
            if (account.Created == true && !accounts.Contains(account.Code))
            {
                violations.Add($"account {account.Code} answered 201 is missing");
            }

            if (account.PaymentMethodSet && !cards.Contains(account.Code))
            {
                violations.Add($"payment method of {account.Code} answered 200 is missing");
            }
        }

        var subscriptions = Pairs("""SELECT "Id", "AccountCode" FROM "subscriptions_subscriptions" """);
        violations.AddRange(journal.Subscriptions.Where(s => subscriptions.GetValueOrDefault(s.Id) != s.Account.Code).Select(s => $"subscription {s.Id} of {s.Account.Code} answered 201 is missing"));
        var invoices = Pairs("""SELECT CAST("Number" AS TEXT), "AccountCode" FROM "invoicing_invoices" """);
        violations.AddRange(journal.Invoices.Where(i => invoices.GetValueOrDefault(i.Number.ToString(CultureInfo.InvariantCulture)) != i.Account).Select(i => $"invoice {i.Number} of {i.Account} answered is missing"));
        var redemptions = Pairs("""SELECT "Id", "AccountCode" FROM "coupons_redemptions" """);
        violations.AddRange(journal.Redemptions.Where(r => redemptions.GetValueOrDefault(r.Id) != r.Account).Select(r => $"redemption {r.Id} of {r.Account} answered 201 is missing"));
        var ended = Set("""SELECT "Id" FROM "subscriptions_subscriptions" WHERE "CanceledAt" IS NOT NULL OR "State" = 'expired' """);
        violations.AddRange(journal.Cancellations.Where(id => !ended.Contains(id)).Select(id => $"cancel of {id} answered 200 left it live"));
        var conversions = Set("""SELECT "Id" FROM "tracking_conversions" """);
        violations.AddRange(journal.Conversions.Where(id => !conversions.Contains(id)).Select(id => $"conversion {id} answered 201 is missing"));
        return violations;
    }

    private List<string> RefusedWrites()
    {
        var violations = new List<string>();
        var accounts = Set("""SELECT "Code" FROM "subscriptions_accounts" """);
        var subscriptions = Counts("""SELECT "AccountCode", COUNT(*) FROM "subscriptions_subscriptions" GROUP BY "AccountCode" """);
        var redemptions = Counts("""SELECT "AccountCode", COUNT(*) FROM "coupons_redemptions" GROUP BY "AccountCode" """);
        var oneTime = Counts("""SELECT "AccountCode", COUNT(*) FROM "invoicing_invoices" WHERE "Kind" = 'one_time' GROUP BY "AccountCode" """);
        foreach (var account in journal.Accounts.Values)
        {
            if (account.Created == false && accounts.Contains(account.Code))
            {
                violations.Add($"account {account.Code} was refused but exists");
            }

            Within(violations, account.Code, "subscriptions", subscriptions.GetValueOrDefault(account.Code), account.Subscriptions);
            Within(violations, account.Code, "redemptions", redemptions.GetValueOrDefault(account.Code), account.Redemptions);
            Within(violations, account.Code, "one-time invoices (charges and changes now)", oneTime.GetValueOrDefault(account.Code), account.OneTimeInvoices);
        }

        var leads = Counts("""SELECT "ExternalId", COUNT(*) FROM "tracking_conversions" WHERE "ConversionTypeCode" = 'lead' GROUP BY "ExternalId" """);
        violations.AddRange(journal.AnsweredExternalIds.Keys.Where(id => leads.GetValueOrDefault(id) != 1).Select(id => $"lead {id}: {leads.GetValueOrDefault(id)} conversions, answered 201 or 409 duplicate_external_id"));
        return violations;
    }

    private static void Within(List<string> violations, string account, string what, long stored, (int Min, int Max) expected)
    {
        if (stored < expected.Min || stored > expected.Max)
        {
            violations.Add($"{account}: {stored} {what}, answers say {expected.Min}{(expected.Max > expected.Min ? $" to {expected.Max}" : string.Empty)}");
        }
    }

    private List<string> Undelivered() =>
        Modules.SelectMany(module => Rows($"""SELECT COUNT(*), MIN("Type") FROM "{module}_outbox" WHERE "ProcessedAt" IS NULL HAVING COUNT(*) > 0""", r => $"{module}: {r[0]} undelivered ({r[1]}, …)")).ToList();

    private List<string> Inboxes()
    {
        string published = string.Join(" UNION ALL ", Modules.Select(module => $"""SELECT "EventId" FROM "{module}_outbox" """));
        return Modules.SelectMany(module =>
            Rows($"""SELECT "EventId", "Handler", COUNT(*) FROM "{module}_inbox" GROUP BY "EventId", "Handler" HAVING COUNT(*) > 1""", r => $"{module}: {r[1]} handled {r[0]} {r[2]} times")
            .Concat(Rows($"""SELECT "EventId", "Handler" FROM "{module}_inbox" WHERE "EventId" NOT IN ({published})""", r => $"{module}: {r[1]} handled {r[0]}, which no outbox published")))
            .ToList();
    }

    private static DateTime Instant(object? stored) =>
        DateTime.Parse((string)stored!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private HashSet<string> Set(string sql) => [.. Column(sql)];

    private Dictionary<string, string> Pairs(string sql) => Rows(sql, r => ((string)r[0]!, (string)r[1]!)).ToDictionary(p => p.Item1, p => p.Item2);

    private Dictionary<string, long> Counts(string sql) => Rows(sql, r => ((string)r[0]!, (long)r[1]!)).ToDictionary(p => p.Item1, p => p.Item2);

    private List<string> Column(string sql) => Rows(sql, r => Convert.ToString(r[0], CultureInfo.InvariantCulture)!);

    private List<T> Rows<T>(string sql, Func<object?[], T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (int index = 0; index < values.Length; index++)
            {
                values[index] = reader.IsDBNull(index) ? null : reader.GetValue(index);
            }

            rows.Add(map(values));
        }

        return rows;
    }
}
