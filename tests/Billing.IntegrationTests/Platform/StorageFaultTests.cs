using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>A test that changes the filesystem under the SQLite database (mounts a tmpfs, makes files immutable): it runs where the test process may (as root, as in CI), and is skipped elsewhere and on PostgreSQL.</summary>
public sealed class NeedsMountFactAttribute : FactAttribute
{
    public NeedsMountFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "mounts a size-limited tmpfs or makes the database's files immutable, which needs root on Linux (CI runs as root)";
        }
        else if (TestDatabase.OnPostgres)
        {
            Skip = "fills the SQLite database's filesystem; on PostgreSQL the database is not in the data directory";
        }
    }
}

/// <summary>
/// The storage-fault tests run alone, after the parallel ones: other test classes call the process-wide
/// <see cref="SqliteConnection.ClearAllPools"/> when they finish, and one that lands inside a fault's window makes this
/// host open fresh connections then (on an immutable file SQLite falls back to opening it read-only, and that pooled
/// connection keeps refusing writes after the fault ends; on a full disk a fresh connection's first read can fail). The
/// likely cause of the two failures one CI run saw; each test passes alone and in a quiet full run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StorageFaultCollection
{
    public const string Name = "storage faults";
}

/// <summary>
/// Issue 23, a full disk: the data directory on a 24 MiB tmpfs that is then filled. Writes answer 503
/// <c>storage_unavailable</c> with <c>Retry-After</c> and leave nothing behind, reads go on, and once space returns the
/// same requests succeed on the same host, without a restart.
/// </summary>
[Collection(StorageFaultCollection.Name)]
public sealed class StorageFaultTests : IDisposable
{
    private readonly string mountPoint = Path.Combine(Path.GetTempPath(), "billing-full-disk", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Run("umount", "-l", mountPoint);
        Directory.Delete(mountPoint, recursive: true);
    }

    [NeedsMountFact]
    public async Task On_a_full_disk_writes_answer_503_and_change_nothing_reads_go_on_and_writes_resume_when_space_returns()
    {
        Directory.CreateDirectory(mountPoint);
        Run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mountPoint);
        using var api = new BillingApiFactory();
        api.Settings["Billing:DataDirectory"] = mountPoint;
        var admin = api.Admin();
        await admin.PostJson("/api/accounts", new { code = "before-full", email = "ops@example.test", country = "US" }).Created();
        long accountsBefore = Accounts();

        string filler = Path.Combine(mountPoint, "filler");
        Fill(filler);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
        {
            Content = JsonContent(new { code = "during-full", email = "ops@example.test", country = "US" }),
            Headers = { { "Idempotency-Key", "full-disk-1" } },
        };
        var refused = await admin.SendAsync(keyed);
        await refused.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "storage_unavailable");
        Assert.Equal("30", refused.Headers.RetryAfter?.ToString());
        var unkeyed = await admin.PostJson("/api/accounts", new { code = "during-full-2", email = "ops@example.test", country = "US" });
        await unkeyed.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "storage_unavailable");
        await admin.GetJson("/api/accounts/before-full");
        await (await admin.GetAsync("/api/accounts/during-full")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
        File.Delete(filler);

        Assert.Equal(accountsBefore, Accounts());
        using var retried = new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
        {
            Content = JsonContent(new { code = "during-full", email = "ops@example.test", country = "US" }),
            Headers = { { "Idempotency-Key", "full-disk-1" } },
        };
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(retried)).StatusCode);
        await admin.PostJson("/api/accounts", new { code = "during-full-2", email = "ops@example.test", country = "US" }).Created();
        Assert.Equal(accountsBefore + 2, Accounts());
    }

    /// <summary>
    /// Issue 23, a read-only database file: the database's files made immutable under the running host (what a
    /// read-only remount or a restore by the wrong user does to it). Writes answer 503 <c>storage_unavailable</c> and
    /// leave nothing behind, reads go on, and once the files are writable again writes resume on the same host.
    /// </summary>
    [NeedsMountFact]
    public async Task On_a_read_only_database_file_writes_answer_503_and_change_nothing_reads_go_on_and_writes_resume()
    {
        Directory.CreateDirectory(mountPoint);
        using var api = new BillingApiFactory();
        api.Settings["Billing:DataDirectory"] = mountPoint;
        var admin = api.Admin();
        await admin.PostJson("/api/accounts", new { code = "before-read-only", email = "ops@example.test", country = "US" }).Created();
        long accountsBefore = Accounts();
        string[] files = Directory.GetFiles(mountPoint, "billing.db*");
        Run("chattr", ["+i", .. files]);
        try
        {
            var refused = await admin.PostJson("/api/accounts", new { code = "during-read-only", email = "ops@example.test", country = "US" });
            await refused.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "storage_unavailable");
            Assert.Equal("30", refused.Headers.RetryAfter?.ToString());
            await admin.GetJson("/api/accounts/before-read-only");
            await (await admin.GetAsync("/api/accounts/during-read-only")).ShouldBeProblem(HttpStatusCode.NotFound, "account_not_found");
        }
        finally
        {
            Run("chattr", ["-i", .. files]);
        }

        Assert.Equal(accountsBefore, Accounts());
        await admin.PostJson("/api/accounts", new { code = "during-read-only", email = "ops@example.test", country = "US" }).Created();
        Assert.Equal(accountsBefore + 1, Accounts());
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body, options: BillingApiFactory.Json);

    private long Accounts()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(mountPoint, "billing.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM subscriptions_accounts";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Writes zeros until the filesystem has no block left.</summary>
    private static void Fill(string file)
    {
        using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // No space left: the disk is full.
        }

        var small = new byte[512];
        try
        {
            while (true)
            {
                stream.Write(small);
            }
        }
        catch (IOException)
        {
            // Not even a sector left.
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
    }
}
