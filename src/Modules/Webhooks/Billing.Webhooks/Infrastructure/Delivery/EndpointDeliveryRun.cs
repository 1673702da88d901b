using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Billing.Webhooks.Infrastructure.Delivery;

/// <summary>
/// One endpoint's part of a delivery run, in a scope of its own. It claims the endpoint (a guarded update of its lease,
/// so two runs, or two hosts, never post its deliveries at once), then posts its due deliveries in order. A delivery
/// waits while an earlier one about the same resource is pending, so each resource's events arrive in order; the first
/// failed post ends the endpoint's turn (its receiver is down or slow: the next run tries again), so a dead receiver
/// costs a run one timeout, never one per delivery.
/// </summary>
internal sealed class EndpointDeliveryRun(WebhooksDbContext db, WebhookSender sender, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public async Task<WebhookDeliveryCounts> DeliverAsync(string endpointId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await ClaimAsync(endpointId, now, cancellationToken))
        {
            return new WebhookDeliveryCounts(0, 0, 0);
        }

        try
        {
            return await DeliverClaimedAsync(endpointId, now, cancellationToken);
        }
        finally
        {
            await db.Session.InTransactionAsync(() => db.Endpoints
                .Where(e => e.Id == endpointId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeasedUntil, (DateTimeOffset?)null), CancellationToken.None));
        }
    }

    private async Task<WebhookDeliveryCounts> DeliverClaimedAsync(string endpointId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Endpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == endpointId && e.State == WebhookEndpointState.Enabled, cancellationToken) is not { } endpoint)
        {
            return new WebhookDeliveryCounts(0, 0, 0);
        }

        var pending = await db.Deliveries
            .Where(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Pending)
            .OrderBy(d => d.Sequence)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        int succeeded = 0;
        foreach (var delivery in pending)
        {
            if (waiting.Contains(delivery.ResourceKey) || delivery.NextAttemptAt > now)
            {
                waiting.Add(delivery.ResourceKey);
                continue;
            }

            string payload = await db.Events.AsNoTracking().Where(e => e.Id == delivery.EventId).Select(e => e.Payload).SingleAsync(cancellationToken);
            var attemptedAt = clock.GetUtcNow();
            var outcome = await sender.PostAsync(endpoint, delivery, payload, cancellationToken);
            delivery.Record(outcome.Succeeded, clock.GetUtcNow(), options.Value.RetrySchedule);
            db.Attempts.Add(new WebhookAttempt
            {
                DeliveryId = delivery.Id,
                AttemptedAt = attemptedAt,
                Outcome = outcome.Succeeded ? WebhookAttemptOutcome.Succeeded : WebhookAttemptOutcome.Failed,
                ResponseStatus = outcome.ResponseStatus,
                LatencyMs = outcome.LatencyMs,
                Error = outcome.Error,
            });
            await db.SaveChangesAsync(CancellationToken.None);
            if (!outcome.Succeeded)
            {
                return new WebhookDeliveryCounts(succeeded, delivery.Status == WebhookDeliveryStatus.Pending ? 1 : 0, delivery.Status == WebhookDeliveryStatus.Failed ? 1 : 0);
            }

            succeeded++;
        }

        return new WebhookDeliveryCounts(succeeded, 0, 0);
    }

    private Task<bool> ClaimAsync(string endpointId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + options.Value.Timeout * (options.Value.BatchSize + 1);
        return db.Session.InTransactionAsync(
            async () => await db.Endpoints
                .Where(e => e.Id == endpointId && (e.LeasedUntil == null || e.LeasedUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeasedUntil, until), cancellationToken) == 1,
            _ => true);
    }
}
