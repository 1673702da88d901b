using System.Text.Json;
using Billing.BuildingBlocks.Outbox;
using Billing.SharedKernel;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.WebhookEvents;

/// <summary>
/// An integration event, delivered from its module's outbox, becomes a webhook event (its payload fixed once, the body
/// every endpoint receives and <c>GET /events</c> lists) and a pending delivery to each enabled endpoint that wants its
/// type — in one transaction, at most once per event (the inbox). No HTTP here: the delivery run posts, so a slow receiver
/// never holds the dispatcher, and with it the other modules' events or an API request.
/// </summary>
internal sealed class RecordWebhookEvent<TEvent>(WebhooksDbContext db, TimeProvider clock)
    : IdempotentEventHandler<TEvent, WebhooksDbContext>(db, clock)
    where TEvent : IIntegrationEvent
{
    private static readonly WebhookEventType EventType = WebhookEventCatalog.For(typeof(TEvent));

    private readonly TimeProvider clock = clock;

    protected override async Task HandleOnceAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var (resource, data) = EventType.Describe(integrationEvent);
        string id = $"evt_{integrationEvent.EventId:N}";
        var payload = new Payload(id, EventType.Name, WebhookEventCatalog.ApiVersion, integrationEvent.OccurredAt, data);
        Context.Events.Add(new WebhookEvent
        {
            Id = id,
            Type = EventType.Name,
            ResourceKey = resource,
            CreatedAt = integrationEvent.OccurredAt,
            Payload = JsonSerializer.Serialize(payload, WebhookEventCatalog.Json),
        });

        var now = clock.GetUtcNow();
        foreach (var endpoint in await Context.Endpoints.AsNoTracking().Where(e => e.State == WebhookEndpointState.Enabled).ToListAsync(cancellationToken))
        {
            if (endpoint.Wants(EventType.Name))
            {
                Context.Deliveries.Add(new WebhookDelivery
                {
                    Id = Ids.New("whd"),
                    EndpointId = endpoint.Id,
                    EventId = id,
                    EventType = EventType.Name,
                    ResourceKey = resource,
                    Status = WebhookDeliveryStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                });
            }
        }
    }

    private sealed record Payload(string Id, string Type, string ApiVersion, DateTimeOffset CreatedAt, object Data);
}
