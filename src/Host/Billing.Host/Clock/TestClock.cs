using Billing.BuildingBlocks.Clock;

namespace Billing.Host.Clock;

/// <summary>
/// The application clock when <c>Billing:TestClock:Enabled</c> is true (development and tests only): it stands still
/// at the instant last set and never moves backwards. The instant is kept in the database (<see cref="TestClockStore"/>),
/// so a restarted host resumes at it (issue 14 item 2); a new database starts at the real time of start-up. Every rule
/// and job reads it through <see cref="TimeProvider"/>, in the spirit of Stripe's test clocks.
/// </summary>
internal sealed class TestClock(TimeProvider real, TestClockStore store) : TimeProvider
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

    /// <summary>Takes up the stored instant (storing the real time on a new database); run at start-up, before any job.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ResumeAsync(real.GetUtcNow(), cancellationToken);
        lock (gate)
        {
            now = stored;
        }
    }

    /// <summary>
    /// Moves the clock to <paramref name="instant"/>, stored first; false (and unchanged) when that is before the
    /// stored instant. The clock in memory only ever moves forward, whatever the order concurrent moves finish in.
    /// </summary>
    public async Task<bool> TrySetAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var (moved, stored) = await store.TryAdvanceAsync(instant.ToUniversalTime(), cancellationToken);
        lock (gate)
        {
            if (stored > now)
            {
                now = stored;
            }
        }

        return moved;
    }
}
