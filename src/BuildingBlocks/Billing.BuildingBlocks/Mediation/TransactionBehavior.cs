using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using MediatR;

namespace Billing.BuildingBlocks.Mediation;

/// <summary>
/// Runs a command in the scope's database transaction: the outermost command begins and commits it
/// (or rolls it back when the command fails); commands it sends to other modules join it.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(DbSession session) : IPipelineBehavior<TRequest, TResponse>
    where TResponse : IResult<TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is ICommandRequest
            ? session.InTransactionAsync(() => next(), response => response.Error is null)
            : next();
}
