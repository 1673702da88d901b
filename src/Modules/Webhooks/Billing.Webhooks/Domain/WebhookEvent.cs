namespace Billing.Webhooks.Domain;

/// <summary>
/// An integration event as integrators see it: the exact JSON body that is posted to endpoints and listed by
/// <c>GET /events</c>. <see cref="ResourceKey"/> names the resource it is about (<c>invoice:1001</c>): the events of one
/// resource reach each endpoint in the order they happened.
/// </summary>
internal sealed class WebhookEvent
{
    /// <summary>Order of recording; <c>GET /events?after=</c> reads in this order.</summary>
    public long Sequence { get; init; }

    public string Id { get; init; } = string.Empty;

    public string Type { get; init; } = string.Empty;

    public string ResourceKey { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public string Payload { get; init; } = string.Empty;
}
