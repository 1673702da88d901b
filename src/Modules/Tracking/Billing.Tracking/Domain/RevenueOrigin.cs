namespace Billing.Tracking.Domain;

/// <summary>T1: where a conversion's revenue comes from (seed 000's revenueOriginId); it exists before a conversion names it.</summary>
internal sealed class RevenueOrigin
{
    /// <summary>1–100 letters, digits, <c>-</c> or <c>_</c>: a slug or a UUID.</summary>
    public const string IdPattern = @"^[A-Za-z0-9_-]{1,100}\z";

    public string Id { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }
}
