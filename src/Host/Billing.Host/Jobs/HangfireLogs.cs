using Hangfire.AspNetCore;
using Hangfire.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace Billing.Host.Jobs;

/// <summary>
/// Hangfire's log provider is one per process (a static), set by the host that configured Hangfire last. Hangfire's
/// own provider throws once that host's logger factory is disposed, which breaks every other host of the process (the
/// tests run several); this one logs through the host's logging and drops what comes after its host has stopped.
/// </summary>
internal sealed class HangfireLogs(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(loggerFactory);

    public ILog GetLogger(string name) => new StoppableLog(inner, name);

    private sealed class StoppableLog(AspNetCoreLogProvider provider, string name) : ILog
    {
        private ILog? logger;

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                logger ??= provider.GetLogger(name);
                return logger.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
