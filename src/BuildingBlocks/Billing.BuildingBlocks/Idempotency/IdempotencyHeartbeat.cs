using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.BuildingBlocks.Idempotency;

/// <summary>
/// Keeps this process's idempotency claims alive (issue 19: several hosts on one database): every
/// <see cref="IdempotencyStore.HeartbeatEvery"/> it stamps the claims its running requests hold with the database's
/// clock, so that a retry on any host waits for a live request and takes over only the claim of a process that is gone.
/// A beat while the process holds no claim writes nothing (<see cref="IdempotencyStore.HeartbeatAsync"/>).
/// </summary>
internal sealed class IdempotencyHeartbeat(IdempotencyStore store, ILogger<IdempotencyHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(IdempotencyStore.HeartbeatEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // A failed beat (the database briefly unavailable) is logged, never ends the loop: the next one renews.
                await store.HeartbeatAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The idempotency claims' heartbeat failed; it is tried again in {Seconds} s.", IdempotencyStore.HeartbeatEvery.TotalSeconds);
            }
        }
    }
}
