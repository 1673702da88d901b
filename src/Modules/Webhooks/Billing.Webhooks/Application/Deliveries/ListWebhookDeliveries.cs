using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Deliveries;

/// <summary>An endpoint's deliveries, newest first, each with all its attempts in order.</summary>
internal sealed class ListWebhookDeliveriesHandler(WebhooksDbContext db) : IRequestHandler<ListWebhookDeliveries, Result<Page<WebhookDeliveryDto>>>
{
    public async Task<Result<Page<WebhookDeliveryDto>>> Handle(ListWebhookDeliveries request, CancellationToken cancellationToken)
    {
        if (!await db.Endpoints.AnyAsync(e => e.Id == request.EndpointId, cancellationToken))
        {
            return WebhookMapping.EndpointNotFound(request.EndpointId);
        }

        var page = await db.Deliveries.AsNoTracking().Where(d => d.EndpointId == request.EndpointId)
            .ToPageAsync(request.Page, d => d.Sequence, d => d, newestFirst: true, cancellationToken);
        if (!page.IsSuccess)
        {
            return page.Error;
        }

        var ids = page.Value.Data.Select(d => d.Id).ToList();
        var attempts = (await db.Attempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return page.Value.Map(d => d.ToDto(attempts[d.Id]));
    }
}
