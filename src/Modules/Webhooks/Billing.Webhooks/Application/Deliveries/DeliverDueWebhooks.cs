using Billing.SharedKernel;
using Billing.Webhooks.Contracts;
using Billing.Webhooks.Domain;
using Billing.Webhooks.Infrastructure;
using Billing.Webhooks.Infrastructure.Delivery;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Webhooks.Application.Deliveries;

/// <summary>
/// Finds the enabled endpoints with a due delivery and runs each one's deliveries concurrently (at most
/// <see cref="WebhookOptions.MaxConcurrentEndpoints"/> at once), each in its own scope: a slow or dead receiver holds
/// only its own endpoint's turn. Each run first encrypts the secrets still stored in plain text (issue 16) and erases
/// the secrets replaced by a rotation whose overlap has ended.
/// </summary>
internal sealed class DeliverDueWebhooksHandler(WebhooksDbContext db, WebhookSecrets secrets, IServiceScopeFactory scopes, TimeProvider clock, IOptions<WebhookOptions> options)
    : IRequestHandler<DeliverDueWebhooks, Result<WebhookDeliveryCounts>>
{
    public async Task<Result<WebhookDeliveryCounts>> Handle(DeliverDueWebhooks request, CancellationToken cancellationToken)
    {
        await secrets.ProtectPlaintextAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        await WebhookSecrets.ForgetReplacedAsync(db, now, cancellationToken);
        var due = db.Deliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now).Select(d => d.EndpointId);
        var endpoints = await db.Endpoints.AsNoTracking()
            .Where(e => e.State == WebhookEndpointState.Enabled && due.Contains(e.Id))
            .OrderBy(e => e.CreatedAt)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);

        using var gate = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentEndpoints));
        var runs = await Task.WhenAll(endpoints.Select(async endpointId =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<EndpointDeliveryRun>().DeliverAsync(endpointId, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return new WebhookDeliveryCounts(runs.Sum(r => r.Succeeded), runs.Sum(r => r.Retrying), runs.Sum(r => r.Failed));
    }
}
