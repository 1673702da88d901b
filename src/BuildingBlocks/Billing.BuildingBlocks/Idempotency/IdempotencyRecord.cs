namespace Billing.BuildingBlocks.Idempotency;

/// <summary>
/// The first response to a request carrying an <c>Idempotency-Key</c>, kept 24 hours for replay. The key is
/// scoped to the caller: it starts with a keyed hash (HMAC under a server secret) of the caller's principal id,
/// never of its token, so two callers never share a key and the table holds nothing a token can be checked against.
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

    /// <summary>The response's <c>Location</c> header (a created resource), replayed with it.</summary>
    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The process whose request holds the claim (<see cref="IdempotencyStore.Owner"/>).</summary>
    public string? Owner { get; set; }

    /// <summary>
    /// When the owner last said it is alive, by the database's clock (shared by every host, and never the test clock):
    /// a claim not renewed for <see cref="IdempotencyStore.StaleAfter"/> belongs to a process that is gone.
    /// </summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
}
