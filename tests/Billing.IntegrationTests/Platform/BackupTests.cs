using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 23, backups: an online backup (<c>POST /api/backups</c>, SQLite's <c>VACUUM INTO</c>) taken while clients write,
/// restored by the README's procedure (stop the host, put the backup in place of <c>billing.db</c> without its WAL, start),
/// holds every write answered before the backup was asked for.
/// </summary>
public sealed class BackupTests
{
    private const string SqliteFile = "an online backup copies the SQLite file; on PostgreSQL the operation answers backup_not_supported (its own test)";

    [SqliteOnlyFact(SqliteFile)]
    public async Task A_backup_taken_under_writes_restores_into_a_host_holding_every_write_answered_before_it_began()
    {
        var api = new BillingApiFactory();
        var admin = api.Admin();
        var answered = new ConcurrentDictionary<string, long>();
        var started = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(lane => Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                string code = $"backup-{lane}-{i}";
                started[code] = Stopwatch.GetTimestamp();
                using var response = await admin.PostJson("/api/accounts", new { code, email = "ops@example.test", country = "US" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                answered[code] = Stopwatch.GetTimestamp();
            }
        })).ToList();

        await RealHost.WaitUntil(() => Task.FromResult(answered.Count >= 200));
        long askedAt = Stopwatch.GetTimestamp();
        var backup = await admin.PostAsync("/api/backups", null).Created();
        long returnedAt = Stopwatch.GetTimestamp();
        int answeredBeforeBackupReturned = answered.Count;
        await RealHost.WaitUntil(() => Task.FromResult(answered.Count >= answeredBeforeBackupReturned + 100));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        string name = backup.GetProperty("name").GetString()!;
        Assert.Matches(@"\Abilling-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}\.db\z", name);
        Assert.Equal("ok", backup.GetProperty("integrity_check").GetString());
        byte[] downloaded = await admin.GetByteArrayAsync($"/api/backups/{name}");
        Assert.Equal(backup.GetProperty("size_bytes").GetInt64(), downloaded.Length);
        Assert.Equal("SQLite format 3\0"u8.ToArray(), downloaded[..16]);

        var before = answered.Where(pair => pair.Value < askedAt).Select(pair => pair.Key).ToHashSet();
        Assert.True(before.Count >= 200, $"only {before.Count} writes were answered before the backup");
        var restoredFactory = api.Restart();
        string database = restoredFactory.DatabasePath;
        File.Delete(database + "-wal");
        File.Delete(database + "-shm");
        await File.WriteAllBytesAsync(database, downloaded);

        using var restored = restoredFactory;
        var restoredAdmin = restored.Admin();
        var codes = new HashSet<string>();
        using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
        {
            _ = restored.Services;
            connection.Open();
            using var query = connection.CreateCommand();
            query.CommandText = "SELECT Code FROM subscriptions_accounts WHERE Code LIKE 'backup-%'";
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                codes.Add(reader.GetString(0));
            }
        }

        Assert.Empty(before.Except(codes));
        Assert.Subset(answered.Keys.ToHashSet(), codes);
        var after = started.Where(pair => pair.Value > returnedAt).Select(pair => pair.Key).ToHashSet();
        Assert.True(after.Count >= 100, $"only {after.Count} writes began after the backup returned");
        Assert.Empty(after.Intersect(codes));
        await restoredAdmin.GetJson($"/api/accounts/{before.First()}");
        await restoredAdmin.PostJson("/api/accounts", new { code = "after-restore", email = "ops@example.test", country = "US" }).Created();
        using var check = new SqliteConnection($"Data Source={database};Pooling=False");
        check.Open();
        using var integrity = check.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", integrity.ExecuteScalar());
    }

    [SqliteOnlyFact(SqliteFile)]
    public async Task Backups_are_for_the_admin_only_and_a_name_never_reaches_outside_the_backups_directory()
    {
        using var api = new BillingApiFactory();
        var business = api.Business();
        Assert.Equal(HttpStatusCode.Forbidden, (await business.PostAsync("/api/backups", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().PostAsync("/api/backups", null)).StatusCode);

        var admin = api.Admin();
        var backup = await admin.PostAsync("/api/backups", null).Created();
        await (await admin.PostJson("/api/backups", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.Forbidden, (await business.GetAsync($"/api/backups/{backup.GetProperty("name").GetString()}")).StatusCode);
        foreach (string name in new[] { "billing.db", "..%2Fbilling.db", "billing-20261204T000000Z-0000000g.db", "billing-20261204T000000Z-00000000.db" })
        {
            await (await admin.GetAsync($"/api/backups/{name}")).ShouldBeProblem(HttpStatusCode.NotFound, "backup_not_found");
        }
    }

    [PostgresOnlyFact]
    public async Task On_PostgreSQL_a_backup_is_refused_with_its_own_code_and_pg_dump_named()
    {
        using var api = new BillingApiFactory();
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Business().PostAsync("/api/backups", null)).StatusCode);
        var refused = await (await api.Admin().PostAsync("/api/backups", null)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "backup_not_supported");
        Assert.Contains("pg_dump", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
