using MediatR;

namespace Billing.SharedKernel;

/// <summary>Marks a request that changes state: the pipeline runs it in one database transaction.</summary>
public interface ICommandRequest;

/// <summary>A request that changes state and answers with a result.</summary>
public interface ICommand<TResponse> : IRequest<Result<TResponse>>, ICommandRequest;

/// <summary>
/// A request that changes state in transactions it opens itself, so the pipeline does not wrap it in one: a batch (one
/// transaction per item or chunk, so one item's failure neither rolls back nor blocks the others), a command that reads
/// outside the write lock and then writes in one short transaction (every limit it enforces is then a guarded write
/// inside that transaction, never a value it read before), or one that calls a payment gateway between its
/// transactions. Sent from inside another command's transaction, it reads and writes in that transaction.
/// </summary>
public interface ISelfTransactedCommand<TResponse> : IRequest<Result<TResponse>>;

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
