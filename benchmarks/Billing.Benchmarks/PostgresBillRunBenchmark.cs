using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Billing.Benchmarks;

/// <summary>
/// Issue 19: the bill run on PostgreSQL, by one host or by several host processes on one database at once. Seeds N due
/// subscriptions straight into a database of its own on the server of <c>BILLING_BENCH_POSTGRES</c> (a connection
/// string; <c>scripts/postgres.sh start</c> prints one as BILLING_TEST_POSTGRES), starts a bill run on every host,
/// times it until each has answered, and verifies every subscription invoiced once with the totals computed here
/// (10 % off every fifth account; USD and JPY). The ceiling is the same invoice and line rows copied by the server
/// itself (<c>INSERT … SELECT</c> into empty copies of the tables): what PostgreSQL on this machine can store, with no
/// round trip and no logic.
/// </summary>
internal static class PostgresBillRunBenchmark
{
    private static readonly Dictionary<string, string> NoDispatch = new() { ["Billing__Outbox__DispatchEnabled"] = "false" };

    public static async Task<int> RunAsync(int subscriptions, int hosts)
    {
        string server = Environment.GetEnvironmentVariable("BILLING_BENCH_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("Set BILLING_BENCH_POSTGRES to a PostgreSQL server's connection string (scripts/postgres.sh start prints one).");
        string database = $"billing_bench_{Guid.NewGuid():N}";
        Execute(server, $"CREATE DATABASE {database}");
        string connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var settings = new Dictionary<string, string>(NoDispatch)
        {
            ["Billing__Database__Provider"] = "postgres",
            ["Billing__Database__ConnectionString"] = connectionString,
            ["Billing__Jobs__Store"] = "memory",
        };
        var started = new List<HostProcess>();
        try
        {
            string data = Path.Combine(Path.GetTempPath(), "billing-bench-pg-" + Guid.NewGuid().ToString("N"));
            for (int i = 0; i < hosts; i++)
            {
                Directory.CreateDirectory(Path.Combine(data, i.ToString(CultureInfo.InvariantCulture)));
                started.Add(await HostProcess.StartAsync(Path.Combine(data, i.ToString(CultureInfo.InvariantCulture)), settings));
                if (i == 0)
                {
                    await SeedAsync(started[0], connectionString, subscriptions);
                }
            }

            var watch = Stopwatch.StartNew();
            var answers = await Task.WhenAll(started.Select(async host => (await host.Client.PostAsync("/api/bill-runs", null)).EnsureSuccessStatusCode()));
            var elapsed = watch.Elapsed;
            double rate = subscriptions / elapsed.TotalSeconds;
            Console.WriteLine($"bill run:   {subscriptions} subscriptions renewed and invoiced by {hosts} host(s) on PostgreSQL in {elapsed.TotalSeconds:F2} s = {rate:F0} renewals/s");
            started.ForEach(host => host.Kill());
            int failures = Verify(connectionString, subscriptions);
            var ceiling = Ceiling(connectionString);
            double ceilingRate = subscriptions / ceiling.TotalSeconds;
            Console.WriteLine($"ceiling:    the same {subscriptions} invoices and their lines copied by the server in {ceiling.TotalSeconds:F2} s = {ceilingRate:F0} invoices/s");
            Console.WriteLine($"ratio:      {rate / ceilingRate:F3} of the ceiling");
            Console.WriteLine(failures == 0 ? "verified:   every subscription invoiced once, totals equal the independent expectation" : $"FAILED:     {failures} verification failure(s)");
            Directory.Delete(data, recursive: true);
            return failures == 0 && answers.Length == hosts ? 0 : 1;
        }
        finally
        {
            foreach (var host in started)
            {
                await host.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            Execute(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>A plan in USD and JPY, a 10 % coupon on every fifth account, and N subscriptions whose period ends within the next 10 minutes.</summary>
    private static async Task SeedAsync(HostProcess host, string connectionString, int subscriptions)
    {
        await Post(host, "/api/plans", """{"code":"pg-basic","name":"Basic","interval":{"length":1,"unit":"month"},"currencies":[{"currency":"USD","unit_amount":10.00,"setup_fee":0},{"currency":"JPY","unit_amount":1500,"setup_fee":0}]}""");
        await Post(host, "/api/coupons", """{"code":"PG10","name":"10 % forever","discount":{"type":"percent","percent":10}}""");
        var now = (await host.Client.GetFromJsonAsync<JsonElement>("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
        string at = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            using var seed = new NpgsqlCommand($"""
                INSERT INTO subscriptions.subscriptions_accounts ("Code", "Email", "Country", "TaxRate", "CreatedAt")
                    SELECT 'pg' || g, 'pg@example.test', 'US', 0, timestamptz '{at}+00' FROM generate_series(0, {subscriptions - 1}) g;
                INSERT INTO subscriptions.subscriptions_subscriptions ("Id", "AccountCode", "PlanCode", "Currency", "Quantity", "AddOns", "State", "PeriodAnchor", "PeriodIndex",
                        "IntervalLength", "IntervalUnit", "CurrentPeriodStart", "CurrentPeriodEnd", "OriginalPrice", "PurchasePrice", "CreatedAt")
                    SELECT 'sub_pg' || g, 'pg' || g, 'pg-basic', CASE WHEN g % 4 = 3 THEN 'JPY' ELSE 'USD' END, 1 + g % 3, '[]', 'active', e, -1,
                        1, 'month', e - interval '1 month', e, p, p, e - interval '1 month'
                    FROM (SELECT g, timestamptz '{at}+00' + (g % 600) * interval '1 second' AS e,
                            (1 + g % 3) * CASE WHEN g % 4 = 3 THEN 1500 ELSE 1000 END AS p FROM generate_series(0, {subscriptions - 1}) g) s;
                INSERT INTO coupons.coupons_redemptions ("Id", "CouponId", "Code", "AccountCode", "Level", "Currency", "State", "PeriodsDiscounted", "DiscountedMinor", "CreatedAt", "Sequence")
                    SELECT 'red_pg' || g, (SELECT "Id" FROM coupons.coupons_coupons WHERE "Code" = 'PG10'), 'PG10', 'pg' || g, 'account',
                        CASE WHEN g % 4 = 3 THEN 'JPY' ELSE 'USD' END, 'active', 0, 0, timestamptz '{at}+00' - interval '1 month', 1 + g / 5
                    FROM generate_series(0, {subscriptions - 1}) g WHERE g % 5 = 0;
                UPDATE coupons.coupons_coupons SET "TimesRedeemed" = {(subscriptions + 4) / 5} WHERE "Code" = 'PG10';
                UPDATE coupons.coupons_sequences SET "Value" = {(subscriptions + 4) / 5} WHERE "Name" = 'redemption';
                ANALYZE;
                """, connection) { CommandTimeout = 600 };
            seed.ExecuteNonQuery();
        }

        Console.WriteLine($"seed:       {subscriptions} accounts and subscriptions, {(subscriptions + 4) / 5} redemptions, in {watch.Elapsed.TotalSeconds:F1} s");
        (await host.Client.PostAsJsonAsync("/api/test-clock", new { now = now.AddHours(2) })).EnsureSuccessStatusCode();
    }

    private static int Verify(string connectionString, int subscriptions)
    {
        long expectedUsd = 0;
        long expectedJpy = 0;
        for (int g = 0; g < subscriptions; g++)
        {
            bool yen = g % 4 == 3;
            long amount = (1 + (g % 3)) * (yen ? 1500 : 1000);
            long total = g % 5 == 0 ? amount - (amount / 10) : amount;
            expectedUsd += yen ? 0 : total;
            expectedJpy += yen ? total : 0;
        }

        int failures = 0;
        void Check(string what, long expected, string sql)
        {
            long actual = Scalar(connectionString, sql);
            if (actual != expected)
            {
                Console.WriteLine($"FAILED:     {what}: expected {expected}, found {actual}");
                failures++;
            }
        }

        Check("period invoices", subscriptions, """SELECT COUNT(*) FROM invoicing.invoicing_invoices WHERE "Kind" = 'period'""");
        Check("subscription periods invoiced twice", 0, """SELECT COUNT(*) FROM (SELECT 1 FROM invoicing.invoicing_invoices GROUP BY "SubscriptionId", "PeriodStart" HAVING COUNT(*) > 1) d""");
        Check("highest invoice number", subscriptions, """SELECT MAX("Number") FROM invoicing.invoicing_invoices""");
        Check("subscriptions not renewed", 0, """SELECT COUNT(*) FROM subscriptions.subscriptions_subscriptions WHERE "PeriodIndex" <> 0""");
        Check("USD total", expectedUsd, """SELECT COALESCE(SUM("Total"), 0) FROM invoicing.invoicing_invoices WHERE "Currency" = 'USD'""");
        Check("JPY total", expectedJpy, """SELECT COALESCE(SUM("Total"), 0) FROM invoicing.invoicing_invoices WHERE "Currency" = 'JPY'""");
        return failures;
    }

    /// <summary>The run's invoices and lines copied into empty twins of their tables by one statement each, in one transaction.</summary>
    private static TimeSpan Ceiling(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var twins = new NpgsqlCommand("""
            CREATE TABLE invoicing.ceiling_invoices (LIKE invoicing.invoicing_invoices INCLUDING ALL);
            CREATE TABLE invoicing.ceiling_lines (LIKE invoicing.invoicing_invoice_lines INCLUDING ALL);
            """, connection))
        {
            twins.ExecuteNonQuery();
        }

        var watch = Stopwatch.StartNew();
        using var copy = new NpgsqlCommand("""
            BEGIN;
            INSERT INTO invoicing.ceiling_invoices SELECT * FROM invoicing.invoicing_invoices;
            INSERT INTO invoicing.ceiling_lines SELECT * FROM invoicing.invoicing_invoice_lines;
            COMMIT;
            """, connection) { CommandTimeout = 600 };
        copy.ExecuteNonQuery();
        return watch.Elapsed;
    }

    private static async Task Post(HostProcess host, string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        (await host.Client.PostAsync(path, content)).EnsureSuccessStatusCode();
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
