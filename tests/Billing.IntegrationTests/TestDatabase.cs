using System.Globalization;
using System.Text.RegularExpressions;
using Billing.BuildingBlocks.Persistence;
using Npgsql;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// The engine the integration tests run on (issue 19): SQLite by default; PostgreSQL when <c>BILLING_TEST_PROVIDER</c>
/// is <c>postgres</c>, on the server of <c>BILLING_TEST_POSTGRES</c> (a connection string, as scripts/postgres.sh
/// prints it), where every test host gets a database of its own, created empty and dropped when the host is disposed.
/// </summary>
public static partial class TestDatabase
{
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("BILLING_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static bool OnPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>The module schemas, the search path of the tests' own queries (their SQL names tables without schema).</summary>
    public const string Schemas = "coupons,subscriptions,invoicing,tracking,payments,webhooks,platform";

    private static string Server => Environment.GetEnvironmentVariable("BILLING_TEST_POSTGRES") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("BILLING_TEST_PROVIDER=postgres needs BILLING_TEST_POSTGRES, the server's connection string (scripts/postgres.sh start prints it).");

    /// <summary>Creates an empty database with a name of its own; answers its connection string.</summary>
    public static string CreatePostgres()
    {
        string name = $"billing_test_{Guid.NewGuid():N}";
        Execute(Server, $"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing whatever connections still use it.</summary>
    public static void DropPostgres(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Execute(Server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>
    /// Runs one scalar query written as for SQLite (tables without schema, column names unquoted) on a PostgreSQL
    /// test database: the module schemas are the search path, and every word that is one of the database's column
    /// names is quoted, as PostgreSQL folds unquoted names to lower case.
    /// </summary>
    public static long PostgresScalar(string connectionString, string sql)
    {
        using var connection = OpenForTests(connectionString);
        using var command = new NpgsqlCommand(Quoted(connection, sql), connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs statements written as for SQLite (see <see cref="PostgresScalar"/>); answers the rows they changed.</summary>
    public static int PostgresExecute(string connectionString, string sql)
    {
        using var connection = OpenForTests(connectionString);
        using var command = new NpgsqlCommand(Quoted(connection, sql), connection);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of every row of a query written as for SQLite (see <see cref="PostgresScalar"/>), as text.</summary>
    public static List<string> PostgresRows(string connectionString, string sql)
    {
        using var connection = OpenForTests(connectionString);
        using var command = new NpgsqlCommand(Quoted(connection, sql), connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.IsDBNull(0) ? string.Empty : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    private static NpgsqlConnection OpenForTests(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Schemas, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static string Quoted(NpgsqlConnection connection, string sql)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        using (var names = new NpgsqlCommand($"SELECT DISTINCT column_name FROM information_schema.columns WHERE table_schema = ANY (string_to_array('{Schemas}', ','))", connection))
        using (var reader = names.ExecuteReader())
        {
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        return Identifier().Replace(sql, match => columns.Contains(match.Value) ? $"\"{match.Value}\"" : match.Value);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>A bare word starting with a capital, not already quoted and not inside a string literal's quote.</summary>
    [GeneratedRegex("""(?<!["'\w])[A-Z][A-Za-z0-9]*(?!["\w])""")]
    private static partial Regex Identifier();
}

/// <summary>A fact that needs SQLite itself (its file, WAL, pragmas): skipped on PostgreSQL with its reason.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string reason)
    {
        if (TestDatabase.OnPostgres)
        {
            Skip = $"SQLite only: {reason}";
        }
    }
}

/// <summary>A theory that needs SQLite itself: skipped on PostgreSQL with its reason.</summary>
public sealed class SqliteOnlyTheoryAttribute : TheoryAttribute
{
    public SqliteOnlyTheoryAttribute(string reason)
    {
        if (TestDatabase.OnPostgres)
        {
            Skip = $"SQLite only: {reason}";
        }
    }
}

/// <summary>A fact about PostgreSQL itself (its job store, its locks): skipped on SQLite.</summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute()
    {
        if (!TestDatabase.OnPostgres)
        {
            Skip = "PostgreSQL only: runs with BILLING_TEST_PROVIDER=postgres";
        }
    }
}
