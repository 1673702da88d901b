using System.Globalization;
using Npgsql;

namespace Billing.LoadTest;

/// <summary>
/// Issue 19: the database of a <c>--postgres</c> run, created on the server of
/// <see cref="LoadOptions.PostgresServerVariable"/> for the run alone and dropped (with its connections) when the run
/// ends, however it ends. It also reads the CPU time the server's processes have used, when the server runs on this
/// machine and its process files are readable: the server shares the cores with the hosts and the generator.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>Linux's unit of the CPU times in <c>/proc/[pid]/stat</c> (USER_HZ, 100 on every architecture .NET runs on).</summary>
    private const double ClockTicksPerSecond = 100;

    private readonly string server;
    private readonly int? postmaster;

    private PostgresDatabase(string server, string name, int? postmaster)
    {
        this.server = server;
        this.postmaster = postmaster;
        Name = name;
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        ConnectionString = builder.ConnectionString;
        Server = $"{builder.Host}:{builder.Port}";
    }

    public string Name { get; }

    /// <summary>The Npgsql connection string of the run's database, as the hosts are given it.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's address, as the report names it.</summary>
    public string Server { get; }

    /// <summary>Whether <see cref="ServerCpuTime"/> measures: the server's postmaster is a process of this machine whose files can be read.</summary>
    public bool MeasuresServerCpu => postmaster is not null;

    /// <summary>Creates a database named for the run on the server of <see cref="LoadOptions.PostgresServerVariable"/>.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        string server = Environment.GetEnvironmentVariable(LoadOptions.PostgresServerVariable) is { Length: > 0 } value
            ? value
            : throw new SetupException($"--postgres needs {LoadOptions.PostgresServerVariable} set to a PostgreSQL server's connection string (scripts/postgres.sh start prints one as BILLING_TEST_POSTGRES).");
        string name = $"billing_load_{Guid.NewGuid():N}";
        try
        {
            await ExecuteAsync(server, $"CREATE DATABASE {name}");
        }
        catch (NpgsqlException exception)
        {
            throw new SetupException($"could not create the run's database on the server of {LoadOptions.PostgresServerVariable}: {exception.Message}");
        }

        return new PostgresDatabase(server, name, Postmaster(await DataDirectoryAsync(server)));
    }

    /// <summary>
    /// The CPU time the server's processes have used so far: the postmaster's own, that of the children it has reaped
    /// (backends that ended), and that of its live children (the backends of the hosts' connections, the checkpointer, the
    /// WAL writer, autovacuum). Zero when not <see cref="MeasuresServerCpu"/>.
    /// </summary>
    public TimeSpan ServerCpuTime()
    {
        if (postmaster is not { } pid || Stat(pid) is not { } own)
        {
            return TimeSpan.Zero;
        }

        long ticks = own.Own + own.Reaped;
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int child) && Stat(child) is { } stat && stat.Parent == pid)
            {
                ticks += stat.Own;
            }
        }

        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    /// <summary>Drops the database, closing the connections still open to it (a killed host's).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        }
        catch (NpgsqlException exception)
        {
            await Console.Error.WriteLineAsync($"the run's database {Name} could not be dropped: {exception.Message}");
        }
    }

    /// <summary>The postmaster's process id from the first line of <c>postmaster.pid</c> in the data directory; null when it cannot be read here.</summary>
    private static int? Postmaster(string? dataDirectory)
    {
        try
        {
            string? first = dataDirectory is null ? null : File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && Stat(pid) is not null ? pid : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A process's parent and CPU ticks (its own user + system, and its reaped children's) from <c>/proc/[pid]/stat</c>; null when it is gone.</summary>
    private static ProcessTicks? Stat(int pid)
    {
        try
        {
            string text = File.ReadAllText($"/proc/{pid}/stat");
            // After the command name in parentheses: state, ppid, … utime (field 14), stime, cutime, cstime.
            string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return new ProcessTicks((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(Unpooled(server));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The server's data directory; null when this role may not read it (superusers and pg_read_all_settings may).</summary>
    private static async Task<string?> DataDirectoryAsync(string server)
    {
        try
        {
            await using var connection = new NpgsqlConnection(Unpooled(server));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW data_directory", connection);
            return await command.ExecuteScalarAsync() as string;
        }
        catch (PostgresException)
        {
            return null;
        }
    }

    private static string Unpooled(string server) => new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;

    private readonly record struct ProcessTicks(int Parent, long Own, long Reaped);
}
