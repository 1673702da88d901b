namespace Billing.Host.Clock;

/// <summary>
/// The application clock when <c>Billing:TestClock:Enabled</c> is true (development and tests only): it
/// stands still at the instant last set, starting at the real time of start-up, and never moves backwards.
/// Every rule and job reads it through <see cref="TimeProvider"/>, in the spirit of Stripe's test clocks. Like the
/// real clock it keeps microseconds (<see cref="MicrosecondClock"/>).
/// </summary>
internal sealed class TestClock(TimeProvider real) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = real.GetUtcNow();

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    /// <summary>Moves the clock to <paramref name="instant"/>; false (and unchanged) when that is in the past.</summary>
    public bool TrySet(DateTimeOffset instant)
    {
        lock (gate)
        {
            var utc = MicrosecondClock.Truncate(instant.ToUniversalTime());
            if (utc < now)
            {
                return false;
            }

            now = utc;
            return true;
        }
    }
}
