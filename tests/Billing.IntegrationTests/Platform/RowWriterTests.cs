using Billing.BuildingBlocks.Outbox;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Coupons.Domain;
using Billing.Coupons.Infrastructure;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.Invoicing.Infrastructure;
using Billing.SharedKernel;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// The bill run writes invoices, their lines, outbox rows, subscriptions and redemptions with
/// <see cref="RowWriter{T}"/> instead of SaveChanges. Every row it writes must be stored exactly as SaveChanges
/// stores it — same SQLite storage class and same value in every column — or the API (which reads through EF)
/// would see a different invoice after a bill run than after a signup. Each test writes the same entity both ways
/// under two keys and compares the stored rows column by column, with every nullable column set and unset: on SQLite
/// with each value's storage class, on PostgreSQL as the JSON of the typed row (its batches are tested apart).
/// </summary>
public sealed class RowWriterTests : IDisposable
{
    /// <summary>Why these run on SQLite only: they compare SQLite's storage classes (typeof) through its own connection.</summary>
    private const string StorageClasses = "compares SQLite storage classes (typeof) on the SQLite connection; on PostgreSQL the columns are typed, and the On_PostgreSQL tests compare the rows there";

    private static readonly DateTimeOffset At = new(2026, 3, 31, 22, 15, 30, 123, TimeSpan.FromHours(2));

    private readonly BillingApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [SqliteOnlyTheory(StorageClasses)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_invoice_and_its_lines_are_stored_as_SaveChanges_stores_them(bool withOptionalValues)
    {
        await InTransactionAsync<InvoicingDbContext>(async (db, connection) =>
        {
            db.Invoices.Add(AnInvoice(9001, withOptionalValues));
            await db.SaveChangesAsync();
            var invoice = AnInvoice(9002, withOptionalValues);
            RowWriter<Invoice>.Insert(db, [invoice]);
            RowWriter<InvoiceLine>.Insert(db, invoice.Lines.Select(line => (line, (object?)invoice.Number)));

            // The subscription id differs (one invoice per subscription period, I5); compared apart.
            AssertSameRows(connection, "SELECT * FROM invoicing_invoices WHERE Number = 9001", "SELECT * FROM invoicing_invoices WHERE Number = 9002", "Number", "SubscriptionId");
            Assert.Equal(
                withOptionalValues ? "text:sub_9002" : "null:",
                Scalar(connection, "SELECT typeof(SubscriptionId) || ':' || coalesce(SubscriptionId, '') FROM invoicing_invoices WHERE Number = 9002"));
            AssertSameRows(connection, "SELECT * FROM invoicing_invoice_lines WHERE InvoiceNumber = 9001 ORDER BY Position", "SELECT * FROM invoicing_invoice_lines WHERE InvoiceNumber = 9002 ORDER BY Position", "InvoiceNumber");
        });
    }

    [SqliteOnlyFact(StorageClasses)]
    public async Task An_outbox_row_is_stored_as_Publish_stores_it()
    {
        await InTransactionAsync<InvoicingDbContext>(async (db, connection) =>
        {
            var first = AnEvent(Guid.Parse("0b8f6f1e-3c1f-4d5e-9a0b-aa11bb22cc33"));
            var second = first with { EventId = Guid.Parse("0b8f6f1e-3c1f-4d5e-9a0b-aa11bb22cc44") };
            db.Publish(first);
            await db.SaveChangesAsync();
            db.StoreEvents([second]);

            AssertSameRows(
                connection,
                "SELECT * FROM invoicing_outbox WHERE lower(EventId) LIKE '%cc33'",
                "SELECT * FROM invoicing_outbox WHERE lower(EventId) LIKE '%cc44'",
                "Sequence",
                "EventId",
                "Payload");
            string Stored(string column, string suffix) =>
                (string)Scalar(connection, $"SELECT typeof({column}) || ':' || {column} FROM invoicing_outbox WHERE lower(EventId) LIKE '%{suffix}'")!;
            Assert.Equal(Stored("EventId", "cc33")[..^2] + "44", Stored("EventId", "cc44"));
            Assert.Equal(Stored("Payload", "cc33").Replace("cc33", "cc44", StringComparison.Ordinal), Stored("Payload", "cc44"));
            Assert.Equal(2L, Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM invoicing_outbox")));
        });
    }

    [SqliteOnlyTheory(StorageClasses)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_renewed_subscription_is_stored_as_SaveChanges_stores_it(bool withOptionalValues)
    {
        await InTransactionAsync<SubscriptionsDbContext>(async (db, connection) =>
        {
            db.Subscriptions.AddRange(ASubscription("sub_a", withOptionalValues: true), ASubscription("sub_b", withOptionalValues: true));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var tracked = await db.Subscriptions.SingleAsync(s => s.Id == "sub_a");
            Change(db, tracked, withOptionalValues);
            await db.SaveChangesAsync();
            var detached = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == "sub_b");
            Change(db, detached, withOptionalValues);
            RowWriter<Subscription>.Update(db, [detached]);

            AssertSameRows(connection, "SELECT * FROM subscriptions_subscriptions WHERE Id = 'sub_a'", "SELECT * FROM subscriptions_subscriptions WHERE Id = 'sub_b'", "Id");
        });
    }

    [SqliteOnlyFact(StorageClasses)]
    public async Task A_redemption_that_ends_is_stored_as_SaveChanges_stores_it()
    {
        await InTransactionAsync<CouponsDbContext>(async (db, connection) =>
        {
            db.Redemptions.AddRange(ARedemption("red_a", sequence: 1), ARedemption("red_b", sequence: 2));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var tracked = await db.Redemptions.SingleAsync(r => r.Id == "red_a");
            End(tracked);
            await db.SaveChangesAsync();
            var detached = await db.Redemptions.AsNoTracking().SingleAsync(r => r.Id == "red_b");
            End(detached);
            RowWriter<Redemption>.Update(db, [detached]);

            AssertSameRows(connection, "SELECT * FROM coupons_redemptions WHERE Id = 'red_a'", "SELECT * FROM coupons_redemptions WHERE Id = 'red_b'", "Id", "Sequence");
        });
    }

    [SqliteOnlyFact(StorageClasses)]
    public async Task An_update_of_a_row_that_does_not_exist_throws_so_the_batch_rolls_back()
    {
        await InTransactionAsync<CouponsDbContext>((db, _) =>
        {
            Assert.Throws<InvalidOperationException>(() => RowWriter<Redemption>.Update(db, [ARedemption("red_missing")]));
            return Task.CompletedTask;
        });
    }

    [SqliteOnlyFact(StorageClasses)]
    public async Task A_constraint_violation_surfaces_as_a_SqliteException()
    {
        await InTransactionAsync<InvoicingDbContext>((db, _) =>
        {
            RowWriter<Invoice>.Insert(db, [AnInvoice(9100, withOptionalValues: true)]);
            var duplicate = Assert.Throws<SqliteException>(() => RowWriter<Invoice>.Insert(db, [AnInvoice(9100, withOptionalValues: true)]));
            Assert.Equal(19, duplicate.SqliteErrorCode); // SQLITE_CONSTRAINT
            return Task.CompletedTask;
        });
    }

    [SqliteOnlyFact(StorageClasses)]
    public void Writing_outside_a_transaction_is_refused()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicingDbContext>();
        Assert.Throws<InvalidOperationException>(() => RowWriter<Invoice>.Insert(db, [AnInvoice(9200, withOptionalValues: true)]));
    }

    /// <summary>PostgreSQL's writer sends its rows in batches: every column as SaveChanges stores it, compared as JSON of the typed row.</summary>
    [PostgresOnlyFact]
    public async Task On_PostgreSQL_invoices_lines_subscriptions_and_redemptions_are_stored_as_SaveChanges_stores_them()
    {
        foreach (bool withOptionalValues in new[] { true, false })
        {
            long expected = withOptionalValues ? 9301 : 9311;
            await InPostgresTransactionAsync<InvoicingDbContext>(async (db, connection) =>
            {
                db.Invoices.Add(AnInvoice(expected, withOptionalValues));
                await db.SaveChangesAsync();
                var invoice = AnInvoice(expected + 1, withOptionalValues);
                RowWriter<Invoice>.Insert(db, [invoice]);
                RowWriter<InvoiceLine>.Insert(db, invoice.Lines.Select(line => (line, (object?)invoice.Number)));
                AssertSameJson(connection, """SELECT to_jsonb(t) - 'Number' - 'SubscriptionId' FROM invoicing.invoicing_invoices t WHERE "Number" = {0}""", expected, expected + 1);
                AssertSameJson(connection, """SELECT jsonb_agg(to_jsonb(t) - 'InvoiceNumber' ORDER BY "Position") FROM invoicing.invoicing_invoice_lines t WHERE "InvoiceNumber" = {0}""", expected, expected + 1);
            });
        }

        await InPostgresTransactionAsync<SubscriptionsDbContext>(async (db, connection) =>
        {
            db.Subscriptions.AddRange(ASubscription("sub_a", withOptionalValues: true), ASubscription("sub_b", withOptionalValues: true));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var tracked = await db.Subscriptions.SingleAsync(s => s.Id == "sub_a");
            Change(db, tracked, withOptionalValues: true);
            await db.SaveChangesAsync();
            var detached = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == "sub_b");
            Change(db, detached, withOptionalValues: true);
            RowWriter<Subscription>.Update(db, [detached]);
            AssertSameJson(connection, """SELECT to_jsonb(t) - 'Id' FROM subscriptions.subscriptions_subscriptions t WHERE "Id" = '{0}'""", "sub_a", "sub_b");
        });

        await InPostgresTransactionAsync<CouponsDbContext>(async (db, connection) =>
        {
            db.Redemptions.AddRange(ARedemption("red_a", sequence: 1), ARedemption("red_b", sequence: 2));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var tracked = await db.Redemptions.SingleAsync(r => r.Id == "red_a");
            End(tracked);
            await db.SaveChangesAsync();
            var detached = await db.Redemptions.AsNoTracking().SingleAsync(r => r.Id == "red_b");
            End(detached);
            RowWriter<Redemption>.Update(db, [detached]);
            AssertSameJson(connection, """SELECT to_jsonb(t) - 'Id' - 'Sequence' FROM coupons.coupons_redemptions t WHERE "Id" = '{0}'""", "red_a", "red_b");
        });
    }

    /// <summary>1,201 invoices and their 2,402 lines span several of PostgreSQL's multi-row statements; an update that misses a row in a later statement fails the write.</summary>
    [PostgresOnlyFact]
    public async Task On_PostgreSQL_rows_past_one_statement_are_all_written_and_a_missed_row_in_a_later_statement_fails_the_write()
    {
        await InPostgresTransactionAsync<InvoicingDbContext>((db, connection) =>
        {
            var invoices = Enumerable.Range(0, 1_201).Select(n => AnInvoice(20_000 + n, withOptionalValues: n % 2 == 0)).ToList();
            RowWriter<Invoice>.Insert(db, invoices);
            RowWriter<InvoiceLine>.Insert(db, invoices.SelectMany(invoice => invoice.Lines.Select(line => (line, (object?)invoice.Number))));
            Assert.Equal(1_201L, PostgresScalar(connection, """SELECT COUNT(*) FROM invoicing.invoicing_invoices WHERE "Number" BETWEEN 20000 AND 21200"""));
            Assert.Equal(2_402L, PostgresScalar(connection, """SELECT COUNT(*) FROM invoicing.invoicing_invoice_lines WHERE "InvoiceNumber" BETWEEN 20000 AND 21200"""));
            var duplicate = Assert.Throws<Npgsql.PostgresException>(() => RowWriter<Invoice>.Insert(db, [AnInvoice(20_600, withOptionalValues: true)]));
            Assert.Equal("23505", duplicate.SqlState);
            return Task.CompletedTask;
        });

        await InPostgresTransactionAsync<CouponsDbContext>(async (db, connection) =>
        {
            db.Redemptions.AddRange(Enumerable.Range(0, 700).Select(n => ARedemption($"red_{n}", sequence: n + 1)));
            await db.SaveChangesAsync();
            var changed = Enumerable.Range(0, 700).Select(n => ARedemption(n == 650 ? "red_missing" : $"red_{n}", sequence: n + 1)).ToList();
            changed.ForEach(End);
            var missed = Assert.Throws<InvalidOperationException>(() => RowWriter<Redemption>.Update(db, changed));
            Assert.Contains("changed 199 of 200 rows", missed.Message, StringComparison.Ordinal);
        });
    }

    private async Task InPostgresTransactionAsync<TContext>(Func<TContext, Npgsql.NpgsqlConnection, Task> test)
        where TContext : ModuleDbContext
    {
        using var scope = factory.Services.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await session.InTransactionAsync(
            async () =>
            {
                await test(db, (Npgsql.NpgsqlConnection)session.Connection);
                return false;
            },
            commit => commit);
    }

    private static void AssertSameJson(Npgsql.NpgsqlConnection connection, string sqlOfKey, object expectedKey, object actualKey)
    {
        string? expected = PostgresText(connection, string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlOfKey, expectedKey));
        Assert.False(string.IsNullOrEmpty(expected));
        Assert.Equal(expected, PostgresText(connection, string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlOfKey, actualKey)));
    }

    private static string? PostgresText(Npgsql.NpgsqlConnection connection, string sql)
    {
        using var command = new Npgsql.NpgsqlCommand($"SELECT ({sql})::text", connection);
        return command.ExecuteScalar() as string;
    }

    private static long PostgresScalar(Npgsql.NpgsqlConnection connection, string sql)
    {
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task InTransactionAsync<TContext>(Func<TContext, SqliteConnection, Task> test)
        where TContext : ModuleDbContext
    {
        using var scope = factory.Services.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await session.InTransactionAsync(
            async () =>
            {
                await test(db, (SqliteConnection)session.Connection);
                return false;
            },
            commit => commit);
    }

    private static void AssertSameRows(SqliteConnection connection, string expectedSql, string actualSql, params string[] ignoredColumns)
    {
        var expected = Rows(connection, expectedSql, ignoredColumns);
        var actual = Rows(connection, actualSql, ignoredColumns);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (expectedRow, actualRow) in expected.Zip(actual))
        {
            Assert.Equal(expectedRow.Split('\n'), actualRow.Split('\n'));
        }
    }

    /// <summary>Each row as "column: storage class = value" lines, so a difference names its column.</summary>
    private static List<string> Rows(SqliteConnection connection, string sql, string[] ignoredColumns)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var columns = new List<string>();
            for (int i = 0; i < reader.FieldCount; i++)
            {
                if (!ignoredColumns.Contains(reader.GetName(i)))
                {
                    columns.Add($"{reader.GetName(i)}: {reader.GetDataTypeName(i)} = {(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i))}");
                }
            }

            rows.Add(string.Join("\n", columns));
        }

        return rows;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static Invoice AnInvoice(long number, bool withOptionalValues) => new()
    {
        Number = number,
        Kind = withOptionalValues ? Billing.Invoicing.Domain.InvoiceKind.Period : Billing.Invoicing.Domain.InvoiceKind.OneTime,
        AccountCode = "acct-é1",
        SubscriptionId = withOptionalValues ? $"sub_{number}" : null,
        PlanCode = withOptionalValues ? "gold" : null,
        Currency = "KWD",
        State = Invoice.Pending,
        IsTrial = withOptionalValues,
        PeriodStart = withOptionalValues ? At : null,
        PeriodEnd = withOptionalValues ? At.AddMonths(1) : null,
        CreatedAt = At.AddTicks(7),
        TaxRatePercent = withOptionalValues ? 8.25m : 0m,
        Subtotal = 12_345,
        DiscountTotal = 1_234,
        TaxTotal = 917,
        Total = 12_028,
        CouponCodes = withOptionalValues ? ["TEN", "FIVE-\"quoted\""] : [],
        Notes = withOptionalValues ? "thank you — ✓" : string.Empty,
        Lines =
        [
            new InvoiceLine
            {
                Position = 1,
                Type = LineType.Plan,
                Code = "gold",
                Description = "Gold plan",
                Quantity = 3,
                UnitAmount = 4_115,
                Amount = 12_345,
                Discount = 1_234,
                Tax = 917,
                Total = 12_028,
                Discounts = withOptionalValues ? [new StoredLineDiscount("TEN", "red_1", 1_234)] : [],
            },
            new InvoiceLine { Position = 2, Type = LineType.SetupFee, Code = "setup", Description = "Setup", Quantity = 1, UnitAmount = 0, Discounts = [new StoredLineDiscount("X", null, 0)] },
        ],
    };

    private static InvoiceIssued AnEvent(Guid id) =>
        new(id, At, 42, "acct-1", "sub_1", "EUR", 6_980, 69.80m, At, At.AddMonths(1), [new RedemptionDiscount("red_1", 775)]);

    private static Billing.Subscriptions.Domain.Subscription ASubscription(string id, bool withOptionalValues) => new()
    {
        Id = id,
        AccountCode = "acct-1",
        PlanCode = "silver",
        Currency = "JPY",
        Quantity = 2,
        AddOns = withOptionalValues ? [new SubscriptionAddOn("seats", 4)] : [],
        State = Billing.Subscriptions.Domain.SubscriptionState.InTrial,
        PeriodAnchor = At,
        PeriodIndex = 0,
        IntervalLength = 1,
        IntervalUnit = IntervalUnit.Month,
        CurrentPeriodStart = At,
        CurrentPeriodEnd = At.AddMonths(1),
        OriginalPrice = 1_000,
        PurchasePrice = 900,
        CreatedAt = At,
        TrialEndsAt = withOptionalValues ? At.AddDays(14) : null,
        CanceledAt = withOptionalValues ? At.AddDays(1) : null,
        ExpiresAt = withOptionalValues ? At.AddDays(2) : null,
        PendingPlanCode = withOptionalValues ? "gold" : null,
        PendingQuantity = withOptionalValues ? 5 : null,
        PriceOverride = withOptionalValues ? 777 : null,
        PaymentType = withOptionalValues ? "card" : null,
        ChargedBy = withOptionalValues ? "merchant" : null,
        DiscountCodeName = withOptionalValues ? "TEN" : null,
        ExternalCouponCode = withOptionalValues ? "EXT-1" : null,
    };

    /// <summary>
    /// What a renewal does to a subscription, and (without optional values) every nullable column cleared. No domain
    /// operation clears them all, so the test writes those columns through EF Core's entry, as the store sees them.
    /// </summary>
    private static void Change(SubscriptionsDbContext db, Billing.Subscriptions.Domain.Subscription subscription, bool withOptionalValues)
    {
        subscription.AdvancePeriod();
        subscription.ApplyPendingChange();
        subscription.PricedAfterCoupons(1_800);
        var entry = db.Entry(subscription);
        entry.Property(s => s.OriginalPrice).CurrentValue = 2_000;
        if (!withOptionalValues)
        {
            subscription.AddOns.Clear();
            entry.Property(s => s.TrialEndsAt).CurrentValue = null;
            entry.Property(s => s.CanceledAt).CurrentValue = null;
            entry.Property(s => s.ExpiresAt).CurrentValue = null;
            entry.Property(s => s.PriceOverride).CurrentValue = null;
            entry.Property(s => s.PaymentType).CurrentValue = null;
            entry.Property(s => s.ChargedBy).CurrentValue = null;
            entry.Property(s => s.DiscountCodeName).CurrentValue = null;
            entry.Property(s => s.ExternalCouponCode).CurrentValue = null;
        }
    }

    private static Redemption ARedemption(string id, long sequence = 1) => new()
    {
        Id = id,
        CouponId = "cpn_1",
        Code = "TEN",
        AccountCode = "acct-1",
        SubscriptionId = "sub_1",
        Level = RedemptionResource.Subscription,
        Currency = "USD",
        State = RedemptionState.Active,
        Cid = "cid-1",
        PeriodsDiscounted = 2,
        CountedPeriods = new() { ["sub_1"] = At },
        DiscountedMinor = 1_550,
        EndsAt = At.AddYears(1),
        CreatedAt = At,
        Sequence = sequence,
    };

    private static void End(Redemption redemption)
    {
        var singleUse = new Coupon { Id = "cpn_1", Code = "TEN", DurationType = DurationType.SingleUse };
        redemption.RecordInvoiceDiscount(singleUse, 775, period: ("sub_1", At.AddDays(30)), At.AddDays(30));
    }
}
