using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Deliveries;

internal sealed class RetryWebhookDeliveryHandler(WebhooksDbContext db, TimeProvider clock) : IRequestHandler<RetryWebhookDelivery, Result<WebhookDeliveryDto>>
{
    public async Task<Result<WebhookDeliveryDto>> Handle(RetryWebhookDelivery request, CancellationToken cancellationToken)
    {
        if (await db.Deliveries.FirstOrDefaultAsync(d => d.Id == request.DeliveryId, cancellationToken) is not { } delivery)
        {
            return WebhookErrors.DeliveryNotFound(request.DeliveryId);
        }

        if (await db.Endpoints.AnyAsync(e => e.Id == delivery.EndpointId && e.State == WebhookEndpointState.Disabled, cancellationToken))
        {
            return WebhookErrors.EndpointDisabled(delivery.EndpointId);
        }

        delivery.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var attempts = await db.Attempts.AsNoTracking().Where(a => a.DeliveryId == delivery.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return delivery.ToDto(attempts);
    }
}
