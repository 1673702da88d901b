using Billing.SharedKernel;
using FluentValidation;
using MediatR;

namespace Billing.BuildingBlocks.Mediation;

/// <summary>Runs the request's validators first; invalid input never reaches a handler or the database.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
    where TResponse : IResult<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        await validators.RefusalAsync(request, cancellationToken) is { } refusal
            ? TResponse.Failure(refusal)
            : await next();
}

/// <summary>What running a request's validators answers, for the pipeline and for a caller outside it.</summary>
public static class RequestValidation
{
    /// <summary>Every failure of <paramref name="validators"/> on <paramref name="request"/> as one validation error, by field; null when valid.</summary>
    public static async Task<Error?> RefusalAsync<TRequest>(this IEnumerable<IValidator<TRequest>> validators, TRequest request, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        return failures.Count == 0
            ? null
            : Error.Validation(failures
                .GroupBy(f => f.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
    }
}
