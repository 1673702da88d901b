using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>The database engines the service runs on (<c>Billing:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, nothing to install, one host.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>Billing:Database:ConnectionString</c>), one schema per module (issue 19).</summary>
    Postgres,
}

/// <summary>
/// The application's one database, whichever engine holds it: it opens the connections a <see cref="DbSession"/>
/// shares between the modules, begins their write transactions and configures every module's DbContext. Everything
/// that differs between the engines below the modules' own SQL (<c>*Sql</c> in each module's Infrastructure) is here.
/// </summary>
public abstract class BillingDatabase
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// The database of the configuration's <c>Billing:Database</c> section: <c>Provider</c> <c>sqlite</c> (the default)
    /// keeps <c>billing.db</c> in <paramref name="dataDirectory"/>; <c>postgres</c> needs <c>ConnectionString</c>.
    /// </summary>
    public static BillingDatabase FromConfiguration(IConfiguration database, string dataDirectory)
    {
        string provider = database["Provider"] ?? "sqlite";
        return provider.ToLowerInvariant() switch
        {
            "sqlite" => new SqliteDatabase(dataDirectory),
            "postgres" or "postgresql" => new PostgresDatabase(
                database["ConnectionString"] is { Length: > 0 } connectionString
                    ? connectionString
                    : throw new InvalidOperationException("Billing:Database:Provider is postgres but Billing:Database:ConnectionString is not set.")),
            _ => throw new InvalidOperationException($"Billing:Database:Provider '{provider}' is not one of sqlite, postgres."),
        };
    }

    /// <summary>An open connection with the per-connection settings every writer needs.</summary>
    public abstract DbConnection Open();

    /// <summary>Configures a module's DbContext: the provider, and the module's migrations history table.</summary>
    internal abstract void Configure(DbContextOptionsBuilder options, string module);

    /// <summary>Begins a write transaction on <paramref name="connection"/>.</summary>
    internal abstract DbTransaction Begin(DbConnection connection);

    /// <summary>Waits for this process's turn to write, where the engine has one writer at a time; true when a turn was taken.</summary>
    internal virtual Task<bool> EnterWriteAsync() => Task.FromResult(false);

    /// <summary>Ends the turn <see cref="EnterWriteAsync"/> took.</summary>
    internal virtual void LeaveWrite()
    {
    }

    /// <summary>Completes when every transaction committed before the call is durable.</summary>
    internal virtual Task FlushAsync() => Task.CompletedTask;

    /// <summary>
    /// Claims the outbox <paramref name="name"/> for this dispatcher until the claim is disposed, or answers null when
    /// another dispatcher holds it. One file has one host, whose dispatcher delivers one pass at a time, so on SQLite
    /// every claim succeeds; a database shared by hosts lets one dispatcher at a time deliver a given outbox.
    /// </summary>
    internal virtual Task<IAsyncDisposable?> ClaimOutboxAsync(string name, TimeSpan lease, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(Unclaimed.Instance);

    private sealed class Unclaimed : IAsyncDisposable
    {
        public static readonly Unclaimed Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Whether <paramref name="exception"/> (or what it wraps) is the refusal of a unique key or index.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == SqliteDatabase.ConstraintError,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="exception"/> (or what it wraps) says the storage cannot take a write now — the disk is full,
    /// the file or database is read-only, or the disk failed — rather than that the request was wrong: such a write rolled
    /// back whole, and the same request may succeed once space or the disk returns (issue 23).
    /// </summary>
    public static bool IsStorageUnavailable(Exception exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is SqliteDatabase.FullError or SqliteDatabase.ReadOnlyError or SqliteDatabase.IoError,
        Npgsql.PostgresException postgres => postgres.SqlState is Npgsql.PostgresErrorCodes.DiskFull or Npgsql.PostgresErrorCodes.ReadOnlySqlTransaction or Npgsql.PostgresErrorCodes.CannotConnectNow,
        { InnerException: { } inner } => IsStorageUnavailable(inner),
        _ => false,
    };

    /// <summary>Options both engines share: the ambient transaction, and what each one checks of its migrations.</summary>
    private protected static void ConfigureCommon(DbContextOptionsBuilder options, bool handWrittenMigrations)
    {
        options.AddInterceptors(AmbientTransactionInterceptor.Instance);
        options.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, ProviderMigrationsAssembly>();
        if (handWrittenMigrations)
        {
            // SQLite's migrations are hand-written, so there is no model snapshot to compare with; MigrationSchemaTests
            // prove migrations equal the model instead. PostgreSQL's are generated with a snapshot, so a model change
            // without its PostgreSQL migration fails the host's start.
            options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        }
    }
}
