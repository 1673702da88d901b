using Billing.Tracking.Application.RedeemConversions;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Billing.Tracking.Tests;

public sealed class UntrackedRedemptionsNoticeTests
{
    [Fact]
    public void Untracked_redemptions_are_logged_once_not_once_per_redemption_T6()
    {
        var logger = new CapturingLogger();
        var notice = new UntrackedRedemptionsNotice(logger);

        notice.RedemptionNotTracked("red_1");
        notice.RedemptionNotTracked("red_2");
        notice.RedemptionNotTracked("red_3");

        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("couponredeem", message, StringComparison.Ordinal);
        Assert.Contains("red_1", message, StringComparison.Ordinal);
    }

    private sealed class CapturingLogger : ILogger<UntrackedRedemptionsNotice>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
