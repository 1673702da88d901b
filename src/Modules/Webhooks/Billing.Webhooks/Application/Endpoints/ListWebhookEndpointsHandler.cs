using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Endpoints;

internal sealed class ListWebhookEndpointsHandler(WebhooksDbContext db) : IRequestHandler<ListWebhookEndpoints, Result<IReadOnlyList<WebhookEndpointDto>>>
{
    public async Task<Result<IReadOnlyList<WebhookEndpointDto>>> Handle(ListWebhookEndpoints request, CancellationToken cancellationToken)
    {
        var endpoints = await db.Endpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return endpoints.Select(e => e.ToDto()).ToList();
    }
}
