using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.BuildingBlocks.Outbox;

/// <summary>Configuration of the outbox dispatcher (<c>Billing:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Whether this process delivers integration events in the background. Off, events stay in the outboxes
    /// (committed with their state changes) until a process with it on starts: for maintenance, and for the
    /// crash-safety test that kills a host between commit and delivery.
    /// </summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>
    /// How long a dispatcher's claim on an outbox may sit idle before another host takes it over (PostgreSQL, issue 19):
    /// longer than a pass takes, shorter than a merchant would wait for a hung host's events. A host that dies releases
    /// its claims at once; the lease is for one that hangs or loses its network.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Wakes the dispatcher when a transaction that may have written outbox rows commits.</summary>
public interface IOutboxSignal
{
    void Notify();
}

/// <summary>
/// Delivers every module's outbox in-process. A pass claims a module's outbox (on PostgreSQL one host at a time, see
/// <see cref="BillingDatabase.ClaimOutboxAsync"/>), reads up to a batch of its pending messages in order and delivers them
/// to their handlers grouped by the module that handles them: each module's group runs side by side with the others, in
/// a scope of its own, in outbox order, and in one transaction when every handler of the group writes in the scope's
/// transaction (<see cref="IdempotentEventHandler{TEvent, TContext}"/>: the handlers' effects and their inbox records
/// for the whole batch, one commit) or a batch call per handler that takes one (<see cref="IEventBatchHandler{TEvent}"/>).
/// A batch that fails is delivered again one event at a time, so one bad message rolls back only itself; the first
/// message a group cannot deliver is counted as failed and holds the messages after it (the module's order) until it
/// succeeds. Messages before it are marked processed together. Delivery is at least once; the handlers' inbox makes it
/// exactly-once in effect. Runs after each commit (signalled) and on a poll interval, so a crash between commit and
/// delivery loses nothing: the row is still pending at the next start.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService, IOutboxSignal
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>How each stored event type is delivered, by its stored type name: found once, not per message.</summary>
    private readonly ConcurrentDictionary<string, EventRoute?> routes = new();

    public void Notify()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: the pending pass will see this commit's messages too.
            }
        }
    }

    /// <summary>Delivers everything pending now; returns how many messages were delivered.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            int delivered = 0;
            int deliveredThisPass;
            do
            {
                deliveredThisPass = await DispatchOnePassAsync(cancellationToken);
                delivered += deliveredThisPass;
            }
            while (deliveredThisPass > 0);

            return delivered;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatchEnabled)
        {
            logger.LogWarning("Outbox dispatch is disabled (Billing:Outbox:DispatchEnabled=false); integration events wait in the outboxes.");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchPendingAsync(stoppingToken);
                await wake.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Outbox dispatch pass failed; retrying after the poll interval.");
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Delivers up to a batch of each module's pending messages and marks the delivered ones processed in one
    /// transaction per module (a commit and an fsync per batch, not per message: marking was a third of a redemption's
    /// commits). A crash before the mark redelivers the batch; the handlers' inbox makes that change nothing.
    /// </summary>
    private async Task<int> DispatchOnePassAsync(CancellationToken cancellationToken)
    {
        int delivered = 0;
        await using var scope = scopes.CreateAsyncScope();
        foreach (var outbox in scope.ServiceProvider.GetServices<IModuleOutbox>())
        {
            await using var claim = await outbox.ClaimAsync(options.Value.ClaimLease, cancellationToken);
            if (claim is not null)
            {
                delivered += await DeliverClaimedAsync(outbox, cancellationToken);
            }
        }

        return delivered;
    }

    private async Task<int> DeliverClaimedAsync(IModuleOutbox outbox, CancellationToken cancellationToken)
    {
        var pending = await outbox.PendingAsync(BatchSize, cancellationToken);
        var messages = new List<OutboxMessage>();
        var deliveries = new List<Delivery>();
        Failure? failure = null;
        foreach (var message in pending)
        {
            if (Decode(message) is not var (route, integrationEvent))
            {
                logger.LogError("Outbox message {EventId} has an unknown type {Type}.", message.EventId, message.Type);
                failure = new Failure(messages.Count, $"unknown event type {message.Type}");
                break;
            }

            for (int index = 0; index < route.Implementations.Length; index++)
            {
                deliveries.Add(new Delivery(messages.Count, message.EventId, integrationEvent, route, index));
            }

            messages.Add(message);
        }

        var failures = await Task.WhenAll(deliveries
            .GroupBy(delivery => delivery.Implementation.Assembly)
            .Select(group => DeliverGroupAsync(group.ToList(), cancellationToken)));
        failure = failures.Append(failure).Where(f => f is not null).MinBy(f => f!.Position);
        int done = failure?.Position ?? messages.Count;
        await outbox.MarkDeliveredAsync(messages[..done], clock.GetUtcNow(), cancellationToken);
        if (failure is not null)
        {
            await outbox.MarkFailedAsync(pending[done], failure.Error, cancellationToken);
        }

        return done;
    }

    /// <summary>
    /// One module's share of a batch, in outbox order: in one transaction when all its handlers write in the scope's
    /// transaction, else a batch call for each run of one batch handler's events, else one by one. Answers the first
    /// message it could not deliver, after which it delivers none of the module's.
    /// </summary>
    private async Task<Failure?> DeliverGroupAsync(List<Delivery> group, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (group.Count > 1 && group.All(delivery => delivery.Route.Transactional[delivery.Index]))
        {
            try
            {
                await InOneTransactionAsync(group, cancellationToken);
                return null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "A batch of {Count} events to {Module} failed; delivering them one by one.", group.Count, group[0].Implementation.Assembly.GetName().Name);
                return await OneByOneAsync(group, cancellationToken);
            }
        }

        for (int start = 0; start < group.Count;)
        {
            int end = start + 1;
            while (end < group.Count && group[end].Implementation == group[start].Implementation && group[end].Index == group[start].Index)
            {
                end++;
            }

            var run = group[start..end];
            if (run.Count == 1 || !run[0].Route.Batched[run[0].Index] || !await InOneBatchAsync(run, cancellationToken))
            {
                if (await OneByOneAsync(run, cancellationToken) is { } failure)
                {
                    return failure;
                }
            }

            start = end;
        }

        return null;
    }

    private async Task InOneTransactionAsync(List<Delivery> group, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handlers = new Dictionary<Type, object[]>();
        await scope.ServiceProvider.GetRequiredService<DbSession>().InTransactionAsync(async () =>
        {
            foreach (var delivery in group)
            {
                await delivery.Route.Handle(Handler(scope, handlers, delivery), delivery.Event, cancellationToken);
            }
        });
    }

    /// <summary>Hands a run of one batch handler's events to it at once; false when it failed (the run is then redelivered one by one).</summary>
    private async Task<bool> InOneBatchAsync(List<Delivery> run, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = Handler(scope, [], run[0]);
        try
        {
            await run[0].Route.HandleBatch(handler, run.ConvertAll(delivery => delivery.Event), cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Handler {Handler} failed on a batch of {Count} events; delivering them one by one.", handler.GetType().Name, run.Count);
            return false;
        }
    }

    private async Task<Failure?> OneByOneAsync(List<Delivery> deliveries, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries)
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = Handler(scope, [], delivery);
            try
            {
                await delivery.Route.Handle(handler, delivery.Event, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Handler {Handler} failed on event {EventId}; it will be retried.", handler.GetType().Name, delivery.EventId);
                return new Failure(delivery.Position, $"{handler.GetType().Name}: {exception.GetBaseException().Message}");
            }
        }

        return null;
    }

    /// <summary>The delivery's handler in <paramref name="scope"/>, one instance per handler for all of the scope's events.</summary>
    private static object Handler(AsyncServiceScope scope, Dictionary<Type, object[]> handlers, Delivery delivery)
    {
        if (!handlers.TryGetValue(delivery.Route.HandlerType, out var resolved))
        {
            resolved = scope.ServiceProvider.GetServices(delivery.Route.HandlerType).ToArray()!;
            handlers[delivery.Route.HandlerType] = resolved;
        }

        return resolved[delivery.Index];
    }

    private (EventRoute Route, IIntegrationEvent Event)? Decode(OutboxMessage message)
    {
        var route = routes.GetOrAdd(message.Type, Route);
        return route is not null && JsonSerializer.Deserialize(message.Payload, route.EventType, OutboxMessage.JsonOptions) is IIntegrationEvent integrationEvent
            ? (route, integrationEvent)
            : null;
    }

    private EventRoute? Route(string typeName)
    {
        if (Type.GetType(typeName, throwOnError: false) is not { } eventType || !typeof(IIntegrationEvent).IsAssignableFrom(eventType))
        {
            return null;
        }

        var handlerType = typeof(INotificationHandler<>).MakeGenericType(eventType);
        Type[] implementations;
        using (var scope = scopes.CreateScope())
        {
            implementations = scope.ServiceProvider.GetServices(handlerType).Select(handler => handler!.GetType()).ToArray();
        }

        var batchType = typeof(IEventBatchHandler<>).MakeGenericType(eventType);
        return new EventRoute(
            eventType,
            handlerType,
            implementations,
            implementations.Select(typeof(ITransactionalEventHandler).IsAssignableFrom).ToArray(),
            implementations.Select(batchType.IsAssignableFrom).ToArray(),
            Invoker<Func<object, IIntegrationEvent, CancellationToken, Task>>(nameof(HandleOne), eventType),
            Invoker<Func<object, List<IIntegrationEvent>, CancellationToken, Task>>(nameof(HandleMany), eventType));
    }

    private static T Invoker<T>(string name, Type eventType)
        where T : Delegate =>
        typeof(OutboxDispatcher).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(eventType).CreateDelegate<T>();

    private static Task HandleOne<TEvent>(object handler, IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent =>
        ((INotificationHandler<TEvent>)handler).Handle((TEvent)integrationEvent, cancellationToken);

    private static Task HandleMany<TEvent>(object handler, List<IIntegrationEvent> integrationEvents, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent =>
        ((IEventBatchHandler<TEvent>)handler).HandleAsync(integrationEvents.ConvertAll(e => (TEvent)e), cancellationToken);

    /// <summary>How events of one type reach their handlers: each implementation's kind, and typed calls without reflection per event.</summary>
    private sealed record EventRoute(
        Type EventType,
        Type HandlerType,
        Type[] Implementations,
        bool[] Transactional,
        bool[] Batched,
        Func<object, IIntegrationEvent, CancellationToken, Task> Handle,
        Func<object, List<IIntegrationEvent>, CancellationToken, Task> HandleBatch);

    /// <summary>One message to one of its handlers; <see cref="Position"/> is the message's place in the batch.</summary>
    private sealed record Delivery(int Position, Guid EventId, IIntegrationEvent Event, EventRoute Route, int Index)
    {
        public Type Implementation => Route.Implementations[Index];
    }

    private sealed record Failure(int Position, string Error);
}
