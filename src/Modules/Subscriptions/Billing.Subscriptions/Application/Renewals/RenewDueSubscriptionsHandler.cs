using Billing.BuildingBlocks.Persistence;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Subscriptions.Application.Renewals;

/// <summary>
/// S6: the renewal step of the bill run. Takes due subscriptions in batches and renews a batch in one scope and one
/// transaction (one commit, one fsync, and a few set-based statements for many renewals). When any renewal of the batch fails,
/// the batch is rolled back and its subscriptions are renewed one by one, each in its own transaction, so one
/// subscription's failure is counted and logged without rolling back or blocking the others; it stays due and is
/// retried by the next run.
/// </summary>
internal sealed class RenewDueSubscriptionsHandler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RenewalOptions> options, ILogger<RenewDueSubscriptionsHandler> logger)
    : IRequestHandler<RenewDueSubscriptions, Result<RenewalCounts>>
{

    public async Task<Result<RenewalCounts>> Handle(RenewDueSubscriptions request, CancellationToken cancellationToken)
    {
        int renewed = 0;
        int invoiced = 0;
        int failed = 0;
        int expired = 0;

        // Subscriptions the run leaves due: those whose renewal failed (retried by the next run), and — a guard against
        // looping — any that is still due after a renewal that succeeded.
        var skip = new HashSet<string>(StringComparer.Ordinal);
        var attempted = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var batch = await RenewTogetherAsync(skip, cancellationToken);
            if (batch.Ids.Count == 0)
            {
                return new RenewalCounts(renewed, invoiced, failed, expired);
            }

            var outcomes = batch.Outcomes;
            if (outcomes is null)
            {
                outcomes = [];
                foreach (string id in batch.Ids)
                {
                    var outcome = await RenewAsync(id, cancellationToken);
                    if (outcome.Failed > 0)
                    {
                        skip.Add(id);
                    }

                    outcomes.Add(outcome);
                }
            }

            foreach (string id in batch.Ids.Where(id => !attempted.Add(id)))
            {
                logger.LogError("Subscription {SubscriptionId} is still due after its renewal; the bill run leaves it.", id);
                skip.Add(id);
            }

            renewed += outcomes.Sum(o => o.Renewed);
            invoiced += outcomes.Sum(o => o.Invoiced);
            failed += outcomes.Sum(o => o.Failed);
            expired += outcomes.Sum(o => o.Expired);
        }
    }

    /// <summary>What a batch was and, unless it failed and was rolled back, what renewing it did.</summary>
    private sealed record Batch(IReadOnlyList<string> Ids, List<RenewalCounts>? Outcomes);

    /// <summary>
    /// Takes the next due subscriptions, inside the transaction that renews them (so they are current and no other
    /// run renews them meanwhile), and renews them together (<see cref="RenewalSteps.RenewAsync"/>); the outcome is
    /// null (and nothing is committed) if any renewal failed. Ordered as the (State, CurrentPeriodEnd) index is, so the
    /// query walks the index and stops at the batch size without sorting what is due; renewed subscriptions are no
    /// longer due.
    /// </summary>
    private async Task<Batch> RenewTogetherAsync(HashSet<string> skip, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var db = scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>();
            RenewalCounts? counts = null;
            bool allRenewed = await session.InTransactionAsync(
                async () =>
                {
                    var now = clock.GetUtcNow();
                    var due = await db.DueForRenewalAsync(now, skip, options.Value.BatchSize, cancellationToken);
                    ids.AddRange(due.Select(s => s.Id));
                    var renewed = await RenewalSteps.RenewAsync(db, mediator, due, now, cancellationToken);
                    counts = renewed.IsSuccess ? renewed.Value : null;
                    return renewed.IsSuccess;
                },
                all => all);
            return new Batch(ids, allRenewed ? [counts!] : null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "A renewal batch failed; renewing its {Count} subscriptions one by one.", ids.Count);
            return new Batch(ids, null);
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

        return new RenewalCounts(0, 0, 1, 0);
    }
}
