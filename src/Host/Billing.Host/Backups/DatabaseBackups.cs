using System.Security.Cryptography;
using Billing.BuildingBlocks.Persistence;
using Billing.Host.Http;
using Billing.SharedKernel;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Billing.Host.Backups;

/// <summary>Configuration of online backups (<c>Billing:Backups</c>).</summary>
internal sealed class BackupOptions
{
    /// <summary>Where backups are written; <c>backups</c> under the data directory when not set.</summary>
    public string? Directory { get; set; }
}

/// <summary>One backup file: its name in the backups directory, its size, and when it was taken.</summary>
internal sealed record BackupDto(string Name, long SizeBytes, DateTimeOffset CreatedAt, string IntegrityCheck);

/// <summary>
/// Online backups of the embedded database (issue 23): <c>VACUUM INTO</c> reads one consistent snapshot of the whole file
/// (every module's tables, the outboxes, idempotency keys, the test clock) through a read transaction, so writers go on
/// while it runs; it holds every transaction committed before it began and none that committed after. The copy is written
/// under a temporary name, checked with <c>PRAGMA integrity_check</c> and only then given its final name, so a file with
/// a backup's name is always a whole, sound database. PostgreSQL has its own tools (<c>pg_dump</c>, base backups).
/// </summary>
internal sealed partial class DatabaseBackups(BillingDatabase database, TimeProvider clock, IOptions<BackupOptions> options)
{
    /// <summary>The backups directory for a data directory and the configuration's <c>Billing:Backups:Directory</c>.</summary>
    public static string DirectoryFor(string dataDirectory, string? configured) =>
        Path.GetFullPath(configured is { Length: > 0 } ? Path.Combine(dataDirectory, configured) : Path.Combine(dataDirectory, "backups"));

    public async Task<Result<BackupDto>> CreateAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        if (database is not SqliteDatabase sqlite)
        {
            return HostErrors.BackupNotSupported;
        }

        string directory = DirectoryFor(dataDirectory, options.Value.Directory);
        System.IO.Directory.CreateDirectory(directory);
        var createdAt = clock.GetUtcNow();
        string name = $"billing-{createdAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.db";
        string final = Path.Combine(directory, name);
        string partial = final + ".partial";
        try
        {
            await using (var connection = new SqliteConnection(sqlite.ConnectionString))
            {
                await connection.OpenAsync(cancellationToken);
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO @file;";
                vacuum.Parameters.AddWithValue("@file", partial);
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }

            string integrity = await IntegrityCheckAsync(partial, cancellationToken);
            if (integrity != "ok")
            {
                File.Delete(partial);
                return HostErrors.BackupCorrupt(integrity);
            }

            File.Move(partial, final);
            return new BackupDto(name, new FileInfo(final).Length, createdAt, integrity);
        }
        catch (SqliteException exception) when (BillingDatabase.IsStorageUnavailable(exception))
        {
            File.Delete(partial);
            return HostErrors.BackupNotWritten(exception.SqliteErrorCode);
        }
    }

    /// <summary>The file of the backup called <paramref name="name"/>, when it names one (never a path outside the directory).</summary>
    public string? FileOf(string dataDirectory, string name)
    {
        if (!BackupName().IsMatch(name))
        {
            return null;
        }

        string file = Path.Combine(DirectoryFor(dataDirectory, options.Value.Directory), name);
        return File.Exists(file) ? file : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\Abilling-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}\.db\z")]
    private static partial System.Text.RegularExpressions.Regex BackupName();

    private static async Task<string> IntegrityCheckAsync(string file, CancellationToken cancellationToken)
    {
        var readOnly = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(readOnly);
        await connection.OpenAsync(cancellationToken);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        return (string)(await check.ExecuteScalarAsync(cancellationToken))!;
    }
}
