using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Endpoints;

/// <summary>Deletes the endpoint, its deliveries (the foreign key cascades) and their attempts.</summary>
internal sealed class DeleteWebhookEndpointHandler(WebhooksDbContext db) : IRequestHandler<DeleteWebhookEndpoint, Result<string>>
{
    public async Task<Result<string>> Handle(DeleteWebhookEndpoint request, CancellationToken cancellationToken)
    {
        var deliveries = db.Deliveries.Where(d => d.EndpointId == request.Id).Select(d => d.Id);
        await db.Attempts.Where(a => deliveries.Contains(a.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
        int deleted = await db.Endpoints.Where(e => e.Id == request.Id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? WebhookMapping.EndpointNotFound(request.Id) : request.Id;
    }
}
