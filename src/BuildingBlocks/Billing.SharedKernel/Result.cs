using System.Diagnostics.CodeAnalysis;

namespace Billing.SharedKernel;

/// <summary>Lets pipeline behaviours build a failed response of any request without reflection.</summary>
public interface IResult<TSelf>
    where TSelf : IResult<TSelf>
{
    static abstract TSelf Failure(Error error);

    Error? Error { get; }
}

/// <summary>The outcome of a command or query: a value, or an <see cref="SharedKernel.Error"/>.</summary>
public readonly struct Result<T> : IResult<Result<T>>
{
    private readonly T? value;

    private Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? value! : throw new InvalidOperationException($"No value: the result failed with {Error.Code}.");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);

    public Result<TOther> Map<TOther>(Func<T, TOther> map) => IsSuccess ? map(Value) : Error;
}
