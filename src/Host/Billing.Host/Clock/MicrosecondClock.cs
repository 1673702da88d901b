namespace Billing.Host.Clock;

/// <summary>
/// The application clock at the precision both databases keep: PostgreSQL stores instants to the microsecond, .NET
/// reads them to the tenth of one. Truncated at the source, an instant the API answers before it is stored (a new
/// subscription's period end) is the one it answers after (the renewal invoice's period start), on either engine
/// (issue 19).
/// </summary>
internal sealed class MicrosecondClock(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => Truncate(inner.GetUtcNow());

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary><paramref name="instant"/> without its ticks below the microsecond.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant) =>
        instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerMicrosecond));
}
