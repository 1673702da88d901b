using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Application.Endpoints;

internal static class EndpointState
{
    public static async Task<Result<WebhookEndpointDto>> SetAsync(WebhooksDbContext db, string id, WebhookEndpointState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Endpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } endpoint)
        {
            return WebhookMapping.EndpointNotFound(id);
        }

        endpoint.ChangeState(state);
        await db.SaveChangesAsync(cancellationToken);
        return endpoint.ToDto(now);
    }
}
