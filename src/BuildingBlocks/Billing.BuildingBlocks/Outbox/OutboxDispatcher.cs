using System.Text.Json;
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
}

/// <summary>Wakes the dispatcher when a transaction that may have written outbox rows commits.</summary>
public interface IOutboxSignal
{
    void Notify();
}

/// <summary>
/// Delivers every module's outbox in-process: reads pending messages in order, hands each to every
/// <see cref="INotificationHandler{TNotification}"/> of its type at once, each in a fresh scope, and marks it processed
/// only when all handlers succeeded. Delivery is at least once; the handlers' inbox makes it exactly-once
/// in effect. Runs after each commit (signalled) and on a poll interval, so a crash between commit and
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
            var done = new List<OutboxMessage>();
            foreach (var message in await outbox.PendingAsync(BatchSize, cancellationToken))
            {
                string? error = await DeliverAsync(message, cancellationToken);
                if (error is not null)
                {
                    await outbox.MarkFailedAsync(message, error, cancellationToken);

                    // Keep the module's order: a failed message blocks the ones after it until it succeeds.
                    break;
                }

                done.Add(message);
            }

            await outbox.MarkDeliveredAsync(done, clock.GetUtcNow(), cancellationToken);
            delivered += done.Count;
        }

        return delivered;
    }

    private async Task<string?> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var eventType = Type.GetType(message.Type, throwOnError: false);
        if (eventType is null || JsonSerializer.Deserialize(message.Payload, eventType, OutboxMessage.JsonOptions) is not IIntegrationEvent integrationEvent)
        {
            logger.LogError("Outbox message {EventId} has an unknown type {Type}.", message.EventId, message.Type);
            return $"unknown event type {message.Type}";
        }

        var handlerType = typeof(INotificationHandler<>).MakeGenericType(eventType);
        var handle = handlerType.GetMethod(nameof(INotificationHandler<IIntegrationEvent>.Handle))!;
        int handlerCount;
        await using (var countScope = scopes.CreateAsyncScope())
        {
            handlerCount = countScope.ServiceProvider.GetServices(handlerType).Count();
        }

        // Each handler has its own scope and transaction (each is another module's), so they run side by side: their commits
        // share an fsync (group commit) instead of waiting for one another. Messages stay in order: the next is delivered
        // only when every handler of this one is done.
        var failures = await Task.WhenAll(Enumerable.Range(0, handlerCount).Select(index => HandleAsync(handlerType, handle, index, integrationEvent, message, cancellationToken)));
        return failures.FirstOrDefault(failure => failure is not null);
    }

    private async Task<string?> HandleAsync(Type handlerType, System.Reflection.MethodInfo handle, int index, IIntegrationEvent integrationEvent, OutboxMessage message, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices(handlerType).ElementAt(index)!;
        try
        {
            await (Task)handle.Invoke(handler, [integrationEvent, cancellationToken])!;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Handler {Handler} failed on event {EventId}; it will be retried.", handler.GetType().Name, message.EventId);
            return $"{handler.GetType().Name}: {exception.GetBaseException().Message}";
        }

        return null;
    }
}
