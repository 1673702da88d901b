using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.BuildingBlocks.Outbox;

/// <summary>
/// Base of every integration-event handler: runs the handler's work and the record of the processed
/// event in one transaction of the handling module, and does nothing for an event already processed. Its transaction
/// joins an open one, so the dispatcher delivers a pass's events to a module's handlers in one transaction, one commit.
/// </summary>
public abstract class IdempotentEventHandler<TEvent, TContext>(TContext context, TimeProvider clock) : INotificationHandler<TEvent>, ITransactionalEventHandler
    where TEvent : IIntegrationEvent
    where TContext : ModuleDbContext
{
    /// <summary>Compiled once per handler type: it runs for every event delivered.</summary>
    private static readonly Func<TContext, Guid, string, CancellationToken, Task<bool>> Processed =
        EF.CompileAsyncQuery((TContext db, Guid eventId, string handler, CancellationToken _) => db.InboxRecords.Any(r => r.EventId == eventId && r.Handler == handler));

    protected TContext Context { get; } = context;

    public Task Handle(TEvent notification, CancellationToken cancellationToken) =>
        Context.Session.InTransactionAsync(async () =>
        {
            string handler = GetType().FullName!;
            if (await Processed(Context, notification.EventId, handler, cancellationToken))
            {
                return;
            }

            Context.InboxRecords.Add(new InboxRecord { EventId = notification.EventId, Handler = handler, ProcessedAt = clock.GetUtcNow() });
            await HandleOnceAsync(notification, cancellationToken);
            await Context.SaveChangesAsync(cancellationToken);

            // A pass's events share this context: what one event saved is forgotten, or every later SaveChanges
            // would compare all of it again (a pass of N events cost N² change detections; issues 15 and 21).
            Context.ChangeTracker.Clear();
        });

    /// <summary>The handler's effect; runs at most once per event. Save is done by the base class.</summary>
    protected abstract Task HandleOnceAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>
/// A handler whose whole effect, and the record that it handled the event, is written in the scope's transaction (it
/// joins an open one): the dispatcher may run many of its events in one transaction of its own.
/// </summary>
internal interface ITransactionalEventHandler;

/// <summary>
/// A handler that takes a pass's events of its type at once, in their outbox order, with transactions of its own (for
/// work that cannot sit in one transaction, such as a payment gateway's calls). A failure redelivers the events one by one
/// to <see cref="INotificationHandler{TNotification}.Handle"/>, so handling an event twice must change nothing twice.
/// </summary>
public interface IEventBatchHandler<in TEvent> : INotificationHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken);
}
