using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Billing.Benchmarks;

/// <summary>
/// Issue 7 (1) and (5): seeds N subscriptions across plans, currencies (0, 2 and 3 decimals) and a coupon mix
/// (percent, fixed, stacked, billing_periods, single_use; half the accounts taxed), moves the test clock past
/// their period end, runs the bill run of the real host over HTTP and verifies every invoice against totals
/// computed here independently of the engine. Measures the ceiling — the same invoice and line rows inserted with
/// raw batched SQLite statements — and prints the ratio. The fault test kills the host during the bill run.
/// </summary>
internal static class BillRunBenchmark
{
    private static readonly string[] Currencies = ["USD", "USD", "USD", "USD", "USD", "USD", "EUR", "EUR", "JPY", "KWD"];
    private static readonly Dictionary<string, (long Plan, long Yearly, long Seat, long Fixed)> Prices = new()
    {
        ["USD"] = (15_00, 150_00, 7_00, 5_00),
        ["EUR"] = (14_00, 140_00, 6_50, 5_00),
        ["JPY"] = (1_980, 19_800, 900, 500),
        ["KWD"] = (4_995, 49_950, 2_250, 1_500),
    };

    private static readonly Dictionary<string, string> NoDispatch = new() { ["Billing__Outbox__DispatchEnabled"] = "false" };

    /// <summary>How long the collection variant waits for every renewal invoice to be paid.</summary>
    private static readonly TimeSpan CollectionWindow = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(int subscriptions)
    {
        string data = NewDataDirectory();
        var expected = await SeedAsync(data, subscriptions, withCards: false);
        await using var host = await HostProcess.StartAsync(data, NoDispatch);
        await MoveClockPastPeriodsAsync(host, expected);
        var watch = Stopwatch.StartNew();
        var run = await (await host.Client.PostAsync("/api/bill-runs", null)).Content.ReadFromJsonAsync<JsonElement>();
        var elapsed = watch.Elapsed;
        double peak = host.PeakWorkingSetMiB();
        host.Kill();
        double renewalsPerSecond = subscriptions / elapsed.TotalSeconds;
        Console.WriteLine($"bill run:   {subscriptions} subscriptions renewed and invoiced in {elapsed.TotalSeconds:F2} s = {renewalsPerSecond:F0} renewals/s ({run})");
        Console.WriteLine($"memory:     the host's peak working set was {peak:F0} MiB");
        int failures = Verify(data, expected);
        var ceiling = Ceiling(data, subscriptions);
        double ceilingPerSecond = subscriptions / ceiling.TotalSeconds;
        Console.WriteLine($"ceiling:    the same {subscriptions} invoices and their lines as raw batched SQLite inserts in {ceiling.TotalSeconds:F2} s = {ceilingPerSecond:F0} invoices/s");
        Console.WriteLine($"ratio:      {renewalsPerSecond / ceilingPerSecond:F3} of the ceiling (target >= 0.25; target rate >= 10000 renewals/s)");
        Console.WriteLine(failures == 0 ? "verified:   every invoice present once, totals equal the independent expectation" : $"FAILED:     {failures} verification failure(s)");
        Directory.Delete(data, recursive: true);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>A bill run's time and its verification failures.</summary>
    public sealed record TimedRun(TimeSpan Elapsed, int Failures);

    /// <summary>
    /// Seeds a bill run plus <paramref name="loadAccounts"/> accounts without subscriptions (<c>load1</c>, <c>load2</c> …,
    /// for a load to redeem on), runs it — inside <paramref name="duringRun"/>, which starts it when it chooses and
    /// answers its time, when given — and verifies it.
    /// </summary>
    public static async Task<TimedRun> TimedRunAsync(int subscriptions, int loadAccounts, Func<HostProcess, Func<Task<TimeSpan>>, Task<TimeSpan>>? duringRun)
    {
        string data = NewDataDirectory();
        var expected = await SeedAsync(data, subscriptions, withCards: false);
        SeedLoadAccounts(data, loadAccounts);
        TimeSpan elapsed;
        await using (var host = await HostProcess.StartAsync(data, NoDispatch))
        {
            await MoveClockPastPeriodsAsync(host, expected);
            async Task<TimeSpan> BillRun()
            {
                var watch = Stopwatch.StartNew();
                (await host.Client.PostAsync("/api/bill-runs", null)).EnsureSuccessStatusCode();
                return watch.Elapsed;
            }

            elapsed = duringRun is null ? await BillRun() : await duringRun(host, BillRun);
            host.Kill();
        }

        int failures = Verify(data, expected);
        Directory.Delete(data, recursive: true);
        return new TimedRun(elapsed, failures);
    }

    /// <summary>
    /// Issue 15: the same bill run with collection — every account has a test-gateway card that succeeds, and events
    /// are delivered, so each issued invoice is charged (P2) by the outbox's <c>InvoiceIssued</c> handler after the
    /// renewal commits. Times the bill run's answer and the moment the last invoice is paid, then verifies the
    /// invoices as <see cref="RunAsync"/> does, plus one successful charge per invoice and every invoice paid.
    /// </summary>
    public static async Task<int> CollectAsync(int subscriptions)
    {
        string data = NewDataDirectory();
        var expected = await SeedAsync(data, subscriptions, withCards: true);
        await using var host = await HostProcess.StartAsync(data, new Dictionary<string, string>());
        await MoveClockPastPeriodsAsync(host, expected);
        var watch = Stopwatch.StartNew();
        var run = await (await host.Client.PostAsync("/api/bill-runs", null)).Content.ReadFromJsonAsync<JsonElement>();
        var invoiced = watch.Elapsed;
        long paid;
        while ((paid = Count(data, "SELECT COUNT(*) FROM invoicing_invoices WHERE State = 'paid'")) < subscriptions && watch.Elapsed < CollectionWindow)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        var collected = watch.Elapsed;
        double peak = host.PeakWorkingSetMiB();
        host.Kill();
        Console.WriteLine($"bill run:   {subscriptions} subscriptions renewed and invoiced in {invoiced.TotalSeconds:F2} s = {subscriptions / invoiced.TotalSeconds:F0} renewals/s ({run})");
        Console.WriteLine($"collected:  {paid} of {subscriptions} invoices paid {collected.TotalSeconds:F2} s after the run began = {paid / collected.TotalSeconds:F0} renewals/s invoiced and paid");
        Console.WriteLine($"memory:     the host's peak working set was {peak:F0} MiB");
        int failures = Verify(data, expected);
        long charges = Count(data, "SELECT COUNT(*) FROM payments_transactions WHERE Outcome = 'succeeded' AND Kind <> 'refund'");
        long doubleCharged = Count(data, "SELECT COUNT(*) FROM (SELECT InvoiceNumber FROM payments_transactions WHERE Outcome = 'succeeded' AND Kind <> 'refund' GROUP BY InvoiceNumber HAVING COUNT(*) > 1)");
        failures += Report(paid == subscriptions, $"{paid} of {subscriptions} invoices paid within {CollectionWindow.TotalMinutes:F0} min");
        failures += Report(charges == subscriptions && doubleCharged == 0, $"{charges} successful charges for {subscriptions} invoices, {doubleCharged} invoices charged twice");
        Console.WriteLine(failures == 0 ? "verified:   every invoice present once, totals exact, each paid by exactly one charge" : $"FAILED:     {failures} verification failure(s)");
        Directory.Delete(data, recursive: true);
        return failures == 0 ? 0 : 1;
    }

    private static readonly string[] Outboxes = ["coupons", "subscriptions", "invoicing", "tracking", "payments", "webhooks"];

    /// <summary>
    /// Issue 21: the dispatcher's rate on a backlog. The bill run of N subscriptions (no cards, so no charge) runs with
    /// delivery off and leaves its integration events pending (an <c>InvoiceIssued</c> per invoice and the renewals'
    /// events); the host restarts with delivery on and the benchmark times until no outbox row is pending.
    /// </summary>
    public static async Task<int> BacklogAsync(int subscriptions)
    {
        string data = NewDataDirectory();
        var expected = await SeedAsync(data, subscriptions, withCards: false);
        await using (var host = await HostProcess.StartAsync(data, NoDispatch))
        {
            await MoveClockPastPeriodsAsync(host, expected);
            (await host.Client.PostAsync("/api/bill-runs", null)).EnsureSuccessStatusCode();
            host.Kill();
        }

        string pendingSql = "SELECT " + string.Join(" + ", Outboxes.Select(o => $"(SELECT COUNT(*) FROM {o}_outbox WHERE ProcessedAt IS NULL)"));
        long backlog = Count(data, pendingSql);
        var watch = Stopwatch.StartNew();
        long pending;
        await using (var host = await HostProcess.StartAsync(data, new Dictionary<string, string>()))
        {
            var started = watch.Elapsed;
            while ((pending = Count(data, pendingSql)) > 0 && watch.Elapsed < CollectionWindow)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }

            var drained = watch.Elapsed - started;
            Console.WriteLine($"backlog:    {backlog - pending} of {backlog} events delivered in {drained.TotalSeconds:F2} s after the host answered = {(backlog - pending) / drained.TotalSeconds:F0} events/s (host start {started.TotalSeconds:F2} s)");
            Console.WriteLine($"memory:     the host's peak working set was {host.PeakWorkingSetMiB():F0} MiB");
            host.Kill();
        }

        string handledTwice = "SELECT " + string.Join(" + ", Outboxes.Select(o => $"(SELECT COUNT(*) FROM (SELECT EventId, Handler FROM {o}_inbox GROUP BY EventId, Handler HAVING COUNT(*) > 1))"));
        long webhookEvents = Count(data, "SELECT COUNT(*) FROM webhooks_events");
        long published = Count(data, "SELECT " + string.Join(" + ", Outboxes.Select(o => $"(SELECT COUNT(*) FROM {o}_outbox)")));
        int failures = Verify(data, expected);
        failures += Report(pending == 0, $"{pending} events still pending after {CollectionWindow.TotalMinutes:F0} min");
        failures += Report(Count(data, handledTwice) == 0, "an event handled twice by one handler");
        Console.WriteLine($"webhooks:   {webhookEvents} webhook events recorded for {published} integration events");
        Console.WriteLine(failures == 0 ? "verified:   every event delivered, none handled twice by a handler, invoices exact" : $"FAILED:     {failures} verification failure(s)");
        Directory.Delete(data, recursive: true);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Issue 7 (5): kill -9 the host at random points of the bill run, restart until it completes, then verify.</summary>
    public static async Task<int> FaultAsync(int subscriptions, int kills)
    {
        string data = NewDataDirectory();
        var expected = await SeedAsync(data, subscriptions, withCards: false);
        var random = new Random();
        for (int kill = 1; kill <= kills; kill++)
        {
            await using var host = await HostProcess.StartAsync(data, NoDispatch);
            await MoveClockPastPeriodsAsync(host, expected);
            var run = host.Client.PostAsync("/api/bill-runs", null);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 3000)));
            host.Kill();
            await Task.WhenAny(run, Task.Delay(1000));
            Console.WriteLine($"kill {kill}: {Count(data, "SELECT COUNT(*) FROM invoicing_invoices")} of {subscriptions} invoices after SIGKILL");
        }

        await using (var host = await HostProcess.StartAsync(data, NoDispatch))
        {
            await MoveClockPastPeriodsAsync(host, expected);
            Console.WriteLine($"final run: {await (await host.Client.PostAsync("/api/bill-runs", null)).Content.ReadAsStringAsync()}");
        }

        int failures = Verify(data, expected);
        Console.WriteLine(failures == 0 ? $"fault test passed: {kills} kills, 0 duplicate and 0 missing invoices, totals exact, integrity_check ok" : $"FAULT TEST FAILED: {failures} failure(s)");
        Directory.Delete(data, recursive: true);
        return failures == 0 ? 0 : 1;
    }

    private sealed record Expectation(DateTimeOffset RunAt, int Subscriptions, Dictionary<string, long> TotalByCurrency);

    private static string NewDataDirectory()
    {
        string data = Path.Combine(Path.GetTempPath(), "billing-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        return data;
    }

    private static async Task MoveClockPastPeriodsAsync(HostProcess host, Expectation expected) =>
        await host.Client.PostAsJsonAsync("/api/test-clock", new Dictionary<string, object> { ["now"] = expected.RunAt });

    /// <summary>
    /// Plans and coupons through the API; accounts, subscriptions, redemptions and (<paramref name="withCards"/>) the
    /// accounts' test-gateway cards as rows (the bill run is measured, not the seeding).
    /// </summary>
    private static async Task<Expectation> SeedAsync(string data, int subscriptions, bool withCards)
    {
        DateTimeOffset now;
        var couponIds = new Dictionary<string, string>();
        await using (var host = await HostProcess.StartAsync(data, NoDispatch))
        {
            now = (await host.Client.GetFromJsonAsync<JsonElement>("/api/test-clock")).GetProperty("now").GetDateTimeOffset();
            await Post(host, "/api/plans", Plan("basic", "month", p => p.Plan));
            await Post(host, "/api/plans", Plan("pro", "year", p => p.Yearly));
            await Post(host, "/api/coupons", """{"code":"PCT10","name":"10%","discount":{"type":"percent","percent":10}}""");
            await Post(host, "/api/coupons", """{"code":"FIX5","name":"fixed","discount":{"type":"fixed","amounts":[{"currency":"USD","amount":5.00},{"currency":"EUR","amount":5.00},{"currency":"JPY","amount":500},{"currency":"KWD","amount":1.500}]}}""");
            await Post(host, "/api/coupons", """{"code":"PCT20X3","name":"20% x3","discount":{"type":"percent","percent":20},"duration":{"type":"billing_periods","periods":3}}""");
            await Post(host, "/api/coupons", """{"code":"HALFONCE","name":"50% once","discount":{"type":"percent","percent":50},"duration":{"type":"single_use"}}""");
            var settings = await host.Client.PutAsJsonAsync("/api/settings/coupons", new Dictionary<string, object> { ["multiple_coupons_per_account"] = true });
            settings.EnsureSuccessStatusCode();
            foreach (var coupon in (await host.Client.GetFromJsonAsync<JsonElement>("/api/coupons")).GetProperty("data").EnumerateArray())
            {
                couponIds[coupon.GetProperty("code").GetString()!] = coupon.GetProperty("id").GetString()!;
            }
        }

        var totals = new Dictionary<string, long>();
        var watch = Stopwatch.StartNew();
        using var connection = Open(data);
        using var transaction = connection.BeginTransaction();
        using var account = Command(connection, transaction, "INSERT INTO subscriptions_accounts (Code, Email, Country, TaxRate, CreatedAt) VALUES ($code, 'bench@example.test', 'US', $rate, $at)");
        using var subscription = Command(connection, transaction, """
            INSERT INTO subscriptions_subscriptions (Id, AccountCode, PlanCode, Currency, Quantity, AddOns, State, PeriodAnchor, PeriodIndex,
                IntervalLength, IntervalUnit, CurrentPeriodStart, CurrentPeriodEnd, OriginalPrice, PurchasePrice, CreatedAt)
            VALUES ($id, $account, $plan, $currency, $quantity, $addOns, 'active', $anchor, -1, 1, $unit, $start, $end, $price, $price, $start)
            """);
        using var redemption = Command(connection, transaction, """
            INSERT INTO coupons_redemptions (Id, CouponId, Code, AccountCode, Level, Currency, State, PeriodsDiscounted, DiscountedMinor, CreatedAt, Sequence)
            VALUES ($id, $coupon, $code, $account, 'account', $currency, 'active', $periods, 0, $at, $sequence)
            """);
        long sequence = 0;
        // A token of the test gateway's always-succeeding card (4242…), as its TokenizeAsync writes them.
        using var card = Command(connection, transaction, "INSERT INTO payments_payment_methods (AccountCode, Token, Brand, Last4, ExpMonth, ExpYear, CreatedAt) VALUES ($account, $token, 'visa', '4242', 12, 2099, $at)");
        for (int i = 0; i < subscriptions; i++)
        {
            string currency = Currencies[i % Currencies.Length];
            bool yearly = i % 20 == 7;
            int quantity = 1 + (i % 3);
            bool seat = i % 3 == 0;
            decimal taxRate = i % 2 == 0 ? 8.25m : 0m;
            var end = now.AddSeconds(i % 3600);
            var start = yearly ? end.AddYears(-1) : end.AddMonths(-1);
            string accountCode = $"acct{i}";
            Run(account, ("$code", accountCode), ("$rate", taxRate.ToString(CultureInfo.InvariantCulture)), ("$at", start.UtcDateTime));
            if (withCards)
            {
                Run(card, ("$account", accountCode), ("$token", $"tok_test_succeeds_bench{i}"), ("$at", start.UtcDateTime));
            }

            var price = Prices[currency];
            long planAmount = quantity * (yearly ? price.Yearly : price.Plan);
            Run(
                subscription,
                ("$id", $"sub_bench{i}"),
                ("$account", accountCode),
                ("$plan", yearly ? "pro" : "basic"),
                ("$currency", currency),
                ("$quantity", quantity),
                ("$addOns", seat ? "[{\"Code\":\"seat\",\"Quantity\":1}]" : "[]"),
                ("$anchor", end.UtcDateTime),
                ("$unit", yearly ? "year" : "month"),
                ("$start", start.UtcDateTime),
                ("$end", end.UtcDateTime),
                ("$price", planAmount + (seat ? price.Seat : 0)));
            string[] coupons = (i % 20) switch
            {
                < 8 => [],
                < 14 => ["PCT10"],
                < 17 => ["FIX5"],
                17 => ["PCT20X3"],
                18 => ["HALFONCE"],
                _ => ["PCT10", "FIX5"],
            };
            for (int c = 0; c < coupons.Length; c++)
            {
                Run(
                    redemption,
                    ("$id", $"red_bench{i}_{c}"),
                    ("$coupon", couponIds[coupons[c]]),
                    ("$code", coupons[c]),
                    ("$account", accountCode),
                    ("$currency", currency),
                    ("$periods", coupons[c] == "PCT20X3" ? 1 : 0),
                    ("$at", start.AddMinutes(c).UtcDateTime),
                    ("$sequence", ++sequence));
            }

            long[] lines = seat ? [planAmount, price.Seat] : [planAmount];
            totals[currency] = totals.GetValueOrDefault(currency) + ExpectedTotal(lines, coupons, price.Fixed, taxRate);
        }

        using (var counter = Command(connection, transaction, "UPDATE coupons_sequences SET Value = $value WHERE Name = 'redemption'"))
        {
            Run(counter, ("$value", sequence));
        }

        transaction.Commit();
        Console.WriteLine($"seeded:     {subscriptions} accounts, subscriptions and their redemptions in {watch.Elapsed.TotalSeconds:F1} s");
        return new Expectation(now.AddHours(2), subscriptions, totals);
    }

    private static void SeedLoadAccounts(string data, int count)
    {
        using var connection = Open(data);
        using var transaction = connection.BeginTransaction();
        using var account = Command(connection, transaction, "INSERT INTO subscriptions_accounts (Code, Email, Country, TaxRate, CreatedAt) VALUES ($code, 'load@example.test', 'US', '0', $at)");
        var at = DateTime.UtcNow;
        for (int i = 1; i <= count; i++)
        {
            Run(account, ("$code", $"load{i}"), ("$at", at));
        }

        transaction.Commit();
    }

    /// <summary>
    /// The renewal invoice's total, computed the plain way (decimal arithmetic, independent of the engine): each
    /// percentage of each line rounded half away from zero, then the fixed amount line by line, then tax per line.
    /// </summary>
    private static long ExpectedTotal(long[] lines, string[] coupons, long fixedAmount, decimal taxRate)
    {
        var discounts = new long[lines.Length];
        int percent = coupons.Contains("PCT10") ? 10 : coupons.Contains("PCT20X3") ? 20 : coupons.Contains("HALFONCE") ? 50 : 0;
        for (int l = 0; l < lines.Length; l++)
        {
            discounts[l] = (long)Math.Round(lines[l] * percent / 100m, MidpointRounding.AwayFromZero);
        }

        long left = coupons.Contains("FIX5") ? fixedAmount : 0;
        for (int l = 0; l < lines.Length && left > 0; l++)
        {
            long take = Math.Min(left, lines[l] - discounts[l]);
            discounts[l] += take;
            left -= take;
        }

        return lines.Select((amount, l) => amount - discounts[l] + (long)Math.Round((amount - discounts[l]) * taxRate / 100m, MidpointRounding.AwayFromZero)).Sum();
    }

    private static int Report(bool ok, string what)
    {
        if (!ok)
        {
            Console.WriteLine("  check failed: " + what);
        }

        return ok ? 0 : 1;
    }

    private static int Verify(string data, Expectation expected)
    {
        int failures = 0;
        void Check(bool ok, string what) => failures += Report(ok, what);

        long invoices = Count(data, "SELECT COUNT(*) FROM invoicing_invoices");
        long duplicates = Count(data, "SELECT COUNT(*) FROM (SELECT SubscriptionId, PeriodStart FROM invoicing_invoices WHERE Kind = 'period' GROUP BY SubscriptionId, PeriodStart HAVING COUNT(*) > 1)");
        long missing = Count(data, "SELECT COUNT(*) FROM subscriptions_subscriptions s WHERE NOT EXISTS (SELECT 1 FROM invoicing_invoices i WHERE i.Kind = 'period' AND i.SubscriptionId = s.Id)");
        long gaps = Count(data, "SELECT MAX(Number) - MIN(Number) + 1 - COUNT(*) FROM invoicing_invoices");
        Check(invoices == expected.Subscriptions, $"{invoices} invoices for {expected.Subscriptions} subscriptions");
        Check(duplicates == 0, $"{duplicates} duplicate invoices");
        Check(missing == 0, $"{missing} subscriptions without their renewal invoice");
        Check(gaps == 0, $"{gaps} gaps in invoice numbers");
        foreach (var (currency, total) in expected.TotalByCurrency)
        {
            long actual = Count(data, $"SELECT IFNULL(SUM(Total), 0) FROM invoicing_invoices WHERE Currency = '{currency}'");
            Check(actual == total, $"{currency} totals {actual}, expected {total}");
        }

        using var connection = Open(data);
        using var integrity = connection.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        Check((string)integrity.ExecuteScalar()! == "ok", "PRAGMA integrity_check");
        return failures;
    }

    /// <summary>The physical ceiling: the bill run's rows (an invoice and its lines per subscription) as raw prepared inserts in one transaction.</summary>
    private static TimeSpan Ceiling(string data, int subscriptions)
    {
        string path = Path.Combine(data, "ceiling.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, """
            CREATE TABLE invoices (Number INTEGER PRIMARY KEY, Kind TEXT, AccountCode TEXT, SubscriptionId TEXT, PlanCode TEXT, Currency TEXT, State TEXT,
                IsTrial INTEGER, PeriodStart TEXT, PeriodEnd TEXT, CreatedAt TEXT, TaxRatePercent TEXT, Subtotal INTEGER, DiscountTotal INTEGER,
                TaxTotal INTEGER, Total INTEGER, CouponCodes TEXT, Notes TEXT);
            CREATE UNIQUE INDEX period ON invoices (SubscriptionId, PeriodStart) WHERE Kind = 'period';
            CREATE TABLE lines (InvoiceNumber INTEGER, Position INTEGER, Type TEXT, Code TEXT, Description TEXT, Quantity INTEGER, UnitAmount INTEGER,
                Amount INTEGER, Discount INTEGER, Tax INTEGER, Total INTEGER, Discounts TEXT, PRIMARY KEY (InvoiceNumber, Position));
            """);
        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var invoice = Command(connection, transaction, "INSERT INTO invoices VALUES ($n, 'period', $a, $s, 'basic', 'USD', 'issued', 0, $p, $e, $p, '8.25', 1500, 150, 111, 1461, '[\"PCT10\"]', NULL)");
        using var line = Command(connection, transaction, "INSERT INTO lines VALUES ($n, $pos, 'plan', 'basic', 'Basic', 1, 1500, 1500, 150, 111, 1461, '[]')");
        var start = DateTime.UtcNow;
        for (int i = 0; i < subscriptions; i++)
        {
            Run(invoice, ("$n", i + 1), ("$a", $"acct{i}"), ("$s", $"sub_bench{i}"), ("$p", start), ("$e", start));
            Run(line, ("$n", i + 1), ("$pos", 1));
            if (i % 3 == 0)
            {
                Run(line, ("$n", i + 1), ("$pos", 2));
            }
        }

        transaction.Commit();
        return watch.Elapsed;
    }

    private static string Plan(string code, string unit, Func<(long Plan, long Yearly, long Seat, long Fixed), long> price) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["code"] = code,
            ["name"] = code,
            ["interval"] = new Dictionary<string, object> { ["length"] = 1, ["unit"] = unit },
            ["currencies"] = Prices.Select(p => new Dictionary<string, object> { ["currency"] = p.Key, ["unit_amount"] = Major(p.Key, price(p.Value)), ["setup_fee"] = 0 }).ToList(),
            ["add_ons"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["code"] = "seat",
                    ["name"] = "Seat",
                    ["currencies"] = Prices.Select(p => new Dictionary<string, object> { ["currency"] = p.Key, ["unit_amount"] = Major(p.Key, p.Value.Seat) }).ToList(),
                },
            },
        });

    private static decimal Major(string currency, long minor) => minor / (currency switch { "JPY" => 1m, "KWD" => 1000m, _ => 100m });

    private static async Task Post(HostProcess host, string path, string json)
    {
        var response = await host.Client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static SqliteConnection Open(string data)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(data, "billing.db")};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=10000;");
        return connection;
    }

    private static long Count(string data, string sql)
    {
        using var connection = Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Run(SqliteCommand command, params (string Name, object Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
