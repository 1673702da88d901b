namespace Billing.Host.OpenApi;

/// <summary>
/// Endpoint metadata: problem <c>code</c>s an operation answers beyond the ones <see cref="OperationConventions"/> derives
/// from the endpoint itself (its route parameters, authorization, body and method).
/// </summary>
internal sealed record ProblemCodes(int Status, IReadOnlyList<string> Codes);

/// <summary>Endpoint metadata: the operation passes the coupon-code guessing limit (429 <c>too_many_coupon_guesses</c>).</summary>
internal sealed record CouponGuessingLimited;

internal static class ProblemCodesExtensions
{
    /// <summary>Declares problem codes the operation can answer with <paramref name="status"/> (listed in its OpenAPI responses).</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, params string[] codes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemCodes(status, codes));
}
