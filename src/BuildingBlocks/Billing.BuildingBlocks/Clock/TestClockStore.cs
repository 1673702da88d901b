using Billing.BuildingBlocks.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.BuildingBlocks.Clock;

/// <summary>
/// Where the test clock keeps its instant (API.md: time never moves backwards), so that a restarted host resumes at
/// the instant last set instead of the real time, which may lie before it (issue 14 item 2: a change after a restart
/// credited "180 of 31 days"). Each operation is its own short transaction on its own scope.
/// </summary>
public sealed class TestClockStore(IServiceScopeFactory scopes)
{
    /// <summary>The stored instant; on a database that has none yet, stores <paramref name="start"/> and answers it.</summary>
    public async Task<DateTimeOffset> ResumeAsync(DateTimeOffset start, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Session.InTransactionAsync(
            async () =>
            {
                if (await db.TestClock.AsNoTracking().SingleOrDefaultAsync(c => c.Id == TestClockRecord.Row, cancellationToken) is { } stored)
                {
                    return stored.Now;
                }

                db.TestClock.Add(new TestClockRecord { Id = TestClockRecord.Row, Now = start });
                await db.SaveChangesAsync(cancellationToken);
                return start;
            },
            _ => true);
    }

    /// <summary>
    /// Moves the stored instant to <paramref name="instant"/> with one guarded update, unless a later one is stored
    /// (by a concurrent request, or another host on the same database); answers whether it moved and the stored
    /// instant after. Runs after <see cref="ResumeAsync"/>, which creates the row.
    /// </summary>
    public async Task<(bool Moved, DateTimeOffset Now)> TryAdvanceAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Session.InTransactionAsync(
            async () =>
            {
                int moved = await db.TestClock
                    .Where(c => c.Id == TestClockRecord.Row && c.Now <= instant)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.Now, instant), cancellationToken);
                var stored = await db.TestClock.AsNoTracking().SingleAsync(c => c.Id == TestClockRecord.Row, cancellationToken);
                return (moved == 1, stored.Now);
            },
            _ => true);
    }
}
