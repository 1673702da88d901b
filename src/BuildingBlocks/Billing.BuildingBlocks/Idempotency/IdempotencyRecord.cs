namespace Billing.BuildingBlocks.Idempotency;

/// <summary>
/// The first response to a request carrying an <c>Idempotency-Key</c>, kept 24 hours for replay. The key is
/// scoped to the caller (a hash of its token), so two clients never share a key.
/// </summary>
public sealed class IdempotencyRecord
{
    public string Key { get; set; } = string.Empty;

    /// <summary>SHA-256 of method, path, query and body: the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = string.Empty;

    /// <summary>False while the first request runs; true once its response is stored.</summary>
    public bool Completed { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public byte[]? Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
