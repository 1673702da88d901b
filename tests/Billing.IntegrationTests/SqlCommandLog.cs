using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Billing.IntegrationTests;

/// <summary>The SQL the host's EF Core runs (its "Executed DbCommand" log lines), to see what a request reads.</summary>
internal sealed class SqlCommandLog : ILoggerProvider
{
    public const string Category = "Microsoft.EntityFrameworkCore.Database.Command";

    /// <summary>RelationalEventId.CommandExecuted.</summary>
    private const int CommandExecuted = 20101;

    private readonly ConcurrentQueue<string> commands = new();

    /// <summary>A host on <paramref name="api"/>'s database and settings whose commands this log records.</summary>
    public WebApplicationFactory<Program> Attach(BillingApiFactory api) => api.WithWebHostBuilder(host => host.ConfigureLogging(logging =>
    {
        logging.AddProvider(this);
        logging.AddFilter<SqlCommandLog>(Category, LogLevel.Information);
    }));

    public void Clear() => commands.Clear();

    /// <summary>The commands since <see cref="Clear"/> that name <paramref name="table"/>, each as its log line: parameters, then the SQL.</summary>
    public List<string> On(string table) => [.. commands.Where(c => c.Contains(table, StringComparison.Ordinal))];

    /// <summary>The SQL text of a logged command: the log line after its first line (which names the parameters).</summary>
    public static string Sql(string command) => command[(command.IndexOf('\n', StringComparison.Ordinal) + 1)..];

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Logger(commands) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> commands) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == CommandExecuted)
            {
                commands.Enqueue(formatter(state, exception));
            }
        }
    }
}
