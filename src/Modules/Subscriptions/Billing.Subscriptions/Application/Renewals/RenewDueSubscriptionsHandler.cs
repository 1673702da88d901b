using Billing.BuildingBlocks.Persistence;
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
/// S6: the renewal step of the bill run. Finds due subscriptions in batches (keyset on id) and renews a batch in
/// one scope and one transaction (one commit, one fsync, for many renewals). When any renewal of the batch fails,
/// the batch is rolled back and its subscriptions are renewed one by one, each in its own transaction, so one
/// subscription's failure is counted and logged without rolling back or blocking the others; it stays due and is
/// retried by the next run.
/// </summary>
internal sealed class RenewDueSubscriptionsHandler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RenewDueSubscriptionsHandler> logger)
    : IRequestHandler<RenewDueSubscriptions, Result<RenewalCounts>>
{
    private const int BatchSize = 200;

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

            var outcomes = await RenewTogetherAsync(batch, cancellationToken);
            if (outcomes is null)
            {
                outcomes = [];
                foreach (string id in batch)
                {
                    outcomes.Add(await RenewAsync(id, cancellationToken));
                }
            }

            renewed += outcomes.Sum(o => o.Renewed);
            invoiced += outcomes.Sum(o => o.Invoiced);
            failed += outcomes.Sum(o => o.Failed);

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

    /// <summary>The batch's renewals in one transaction; null (and nothing committed) if any of them failed.</summary>
    private async Task<List<RenewalCounts>?> RenewTogetherAsync(IReadOnlyList<string> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var outcomes = new List<RenewalCounts>(batch.Count);
            bool allRenewed = await session.InTransactionAsync(
                async () =>
                {
                    foreach (string id in batch)
                    {
                        var result = await mediator.Send(new RenewSubscription(id), cancellationToken);
                        if (!result.IsSuccess)
                        {
                            return false;
                        }

                        outcomes.Add(result.Value);
                    }

                    return true;
                },
                all => all);
            return allRenewed ? outcomes : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "A renewal batch failed; renewing its {Count} subscriptions one by one.", batch.Count);
            return null;
        }
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
