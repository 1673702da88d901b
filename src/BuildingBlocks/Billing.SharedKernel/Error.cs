namespace Billing.SharedKernel;

/// <summary>How the host reports an error: 400, 404, 409, 422 or 403.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Rule,
    Forbidden,
}

/// <summary>An expected business outcome with a stable machine code (e.g. <c>coupon_expired</c>).</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind)
{
    /// <summary>Field errors of a validation failure, keyed by snake_case field path.</summary>
    public IReadOnlyDictionary<string, string[]> Fields { get; init; } = new Dictionary<string, string[]>();

    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new("validation_failed", "One or more fields are invalid.", ErrorKind.Validation) { Fields = fields };

    public static Error Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);

    public static Error Rule(string code, string message) => new(code, message, ErrorKind.Rule);

    public static Error Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);
}
