namespace Billing.SharedKernel;

/// <summary>
/// The grammars of the codes and ids one module's request names in another's vocabulary, anchored with <c>\z</c>
/// (never <c>$</c>, which also matches before a final newline: issue 25) so a value either is a whole code or is
/// refused with 400 before anything is looked up or written.
/// </summary>
public static class Grammar
{
    /// <summary>An account code (S2).</summary>
    public const string AccountCode = @"^[A-Za-z0-9_+.@-]+\z";

    /// <summary>A plan, package or add-on code.</summary>
    public const string PlanCode = @"^[A-Za-z0-9_+.-]+\z";

    /// <summary>An id the service generated, such as <c>sub_k3v9q2m8x7d4w1c5</c> (<see cref="Ids"/>).</summary>
    public const string Id = @"^[A-Za-z0-9_]+\z";

    /// <summary>A name or description: one line of any text, without control characters such as a newline.</summary>
    public const string OneLine = @"^[^\p{Cc}]*\z";

    public const string OneLineMessage = "{PropertyName} is one line of text, without control characters such as a newline.";
}
