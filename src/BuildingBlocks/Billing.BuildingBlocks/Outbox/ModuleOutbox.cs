using Billing.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Billing.BuildingBlocks.Outbox;

/// <summary>One module's outbox as the dispatcher sees it.</summary>
public interface IModuleOutbox
{
    /// <summary>The module's table prefix, which names its outbox.</summary>
    string Name { get; }

    /// <summary>
    /// Claims this outbox for one pass of this dispatcher (see <see cref="BillingDatabase.ClaimOutboxAsync"/>): null when
    /// another host's dispatcher holds it. Disposing the claim releases it; a claim left idle for longer than
    /// <paramref name="lease"/> is taken over.
    /// </summary>
    Task<IAsyncDisposable?> ClaimAsync(TimeSpan lease, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxMessage>> PendingAsync(int max, CancellationToken cancellationToken);

    /// <summary>Marks delivered messages processed, all in one write transaction.</summary>
    Task MarkDeliveredAsync(IReadOnlyList<OutboxMessage> messages, DateTimeOffset processedAt, CancellationToken cancellationToken);

    /// <summary>Counts a failed delivery attempt of a message, which stays pending.</summary>
    Task MarkFailedAsync(OutboxMessage message, string error, CancellationToken cancellationToken);
}

internal sealed class ModuleOutbox<TContext>(TContext context, BillingDatabase database) : IModuleOutbox
    where TContext : ModuleDbContext
{
    public string Name => context.TablePrefix;

    public Task<IAsyncDisposable?> ClaimAsync(TimeSpan lease, CancellationToken cancellationToken) =>
        database.ClaimOutboxAsync(context.TablePrefix, lease, cancellationToken);

    public async Task<IReadOnlyList<OutboxMessage>> PendingAsync(int max, CancellationToken cancellationToken) =>
        await context.OutboxMessages.AsNoTracking()
            .Where(m => m.ProcessedAt == null)
            .OrderBy(m => m.Sequence)
            .Take(max)
            .ToListAsync(cancellationToken);

    /// <summary>A write transaction of its own, so that it queues with the others rather than on SQLite's busy handler.</summary>
    public async Task MarkDeliveredAsync(IReadOnlyList<OutboxMessage> messages, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var sequences = messages.Select(m => m.Sequence).ToList();
        await context.Session.InTransactionAsync(() => context.OutboxMessages
            .Where(m => EF.Parameter(sequences).Contains(m.Sequence))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.ProcessedAt, processedAt)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null),
                cancellationToken));
    }

    public Task MarkFailedAsync(OutboxMessage message, string error, CancellationToken cancellationToken) =>
        context.Session.InTransactionAsync(() => context.OutboxMessages
            .Where(m => m.Sequence == message.Sequence)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, error),
                cancellationToken));
}
