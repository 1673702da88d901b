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
