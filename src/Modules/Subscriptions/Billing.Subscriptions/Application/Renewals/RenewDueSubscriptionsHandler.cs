using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Subscriptions.Application.Renewals;

/// <summary>
/// S6: the renewal step of the bill run. Finds due subscriptions in batches (keyset on id) and renews each in
/// its own scope and transaction, so one subscription's failure is counted and logged without rolling back or
/// blocking the others; it stays due and is retried by the next run.
/// </summary>
internal sealed class RenewDueSubscriptionsHandler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RenewDueSubscriptionsHandler> logger)
    : IRequestHandler<RenewDueSubscriptions, Result<RenewalCounts>>
{
    private const int BatchSize = 500;

    public async Task<Result<RenewalCounts>> Handle(RenewDueSubscriptions request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        int renewed = 0;
        int invoiced = 0;
        int failed = 0;
        string after = string.Empty;
        while (true)
        {
            var batch = await DueAsync(now, after, cancellationToken);
            if (batch.Count == 0)
            {
                return new RenewalCounts(renewed, invoiced, failed);
            }

            foreach (string id in batch)
            {
                var outcome = await RenewAsync(id, cancellationToken);
                renewed += outcome.Renewed;
                invoiced += outcome.Invoiced;
                failed += outcome.Failed;
            }

            after = batch[^1];
        }
    }

    private async Task<List<string>> DueAsync(DateTimeOffset now, string after, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>();
        return await db.Subscriptions.AsNoTracking()
            .Where(s => (s.State == SubscriptionState.Active || s.State == SubscriptionState.InTrial || s.State == SubscriptionState.Canceled)
                && s.CurrentPeriodEnd <= now
                && string.Compare(s.Id, after) > 0)
            .OrderBy(s => s.Id)
            .Select(s => s.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
    }

    private async Task<RenewalCounts> RenewAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RenewSubscription(id), cancellationToken);
            if (result.IsSuccess)
            {
                return result.Value;
            }

            logger.LogError("Renewal of subscription {SubscriptionId} was refused: {Code} {Message}", id, result.Error.Code, result.Error.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Renewal of subscription {SubscriptionId} failed; it stays due for the next bill run.", id);
        }

        return new RenewalCounts(0, 0, 1);
    }
}
