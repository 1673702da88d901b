using MediatR;

namespace Billing.SharedKernel;

/// <summary>Marks a request that changes state: the pipeline runs it in one database transaction.</summary>
public interface ICommandRequest;

/// <summary>A request that changes state and answers with a result.</summary>
public interface ICommand<TResponse> : IRequest<Result<TResponse>>, ICommandRequest;

/// <summary>
/// A request that changes state in several transactions of its own (a batch: one per item), so that one
/// item's failure neither rolls back nor blocks the others. The pipeline does not wrap it in a transaction.
/// </summary>
public interface IBatchCommand<TResponse> : IRequest<Result<TResponse>>;

/// <summary>
/// A request that changes state in one transaction it opens itself, after its reads: the reads run outside the
/// write lock, alongside other writers, and only the writes queue for it. Every limit such a command enforces must be
/// a guarded write inside the transaction, never a value it read before. The pipeline does not wrap it; sent from
/// inside another command's transaction, it reads and writes in that transaction.
/// </summary>
public interface IReadThenWriteCommand<TResponse> : IRequest<Result<TResponse>>;

/// <summary>A request that only reads.</summary>
public interface IQuery<TResponse> : IRequest<Result<TResponse>>;

/// <summary>
/// An event one module publishes for others, written to its outbox in the same transaction as the
/// state change and delivered at least once; handlers are idempotent on <see cref="EventId"/>.
/// </summary>
public interface IIntegrationEvent : INotification
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }
}
