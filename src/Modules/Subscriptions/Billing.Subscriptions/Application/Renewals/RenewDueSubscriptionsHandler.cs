using Billing.BuildingBlocks.Persistence;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
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
    /// run renews them meanwhile), and renews them together; the outcomes are null (and nothing is committed) if any
    /// renewal failed. A subscription canceled at period end expires through <see cref="RenewSubscription"/>; the
    /// others are renewed together in rounds — every subscription's next period started and priced in memory, the
    /// round's invoices issued with one <see cref="GenerateInvoices"/>, again while any is still behind (a catch-up) —
    /// and each subscription's row is written once at the end. Ordered as the (State, CurrentPeriodEnd) index is, so the
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
            var outcomes = new List<RenewalCounts>();
            bool allRenewed = await session.InTransactionAsync(
                async () =>
                {
                    var now = clock.GetUtcNow();
                    var due = await db.DueForRenewalAsync(now, skip, options.Value.BatchSize, cancellationToken);
                    ids.AddRange(due.Select(s => s.Id));
                    foreach (var canceled in due.Where(s => s.State == SubscriptionState.Canceled))
                    {
                        var result = await mediator.Send(new RenewSubscription(canceled.Id), cancellationToken);
                        if (!result.IsSuccess)
                        {
                            return false;
                        }

                        outcomes.Add(result.Value);
                    }

                    var live = due.Where(s => s.IsLive).ToList();
                    var invoiced = await RenewLiveAsync(db, mediator, live, now, cancellationToken);
                    if (invoiced is null)
                    {
                        return false;
                    }

                    outcomes.Add(new RenewalCounts(live.Count, invoiced.Value, 0, 0));
                    return true;
                },
                all => all);
            return new Batch(ids, allRenewed ? outcomes : null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "A renewal batch failed; renewing its {Count} subscriptions one by one.", ids.Count);
            return new Batch(ids, null);
        }
    }

    /// <summary>
    /// Renews live subscriptions together; the number of invoices issued, or null when Invoicing refused one. Lists of
    /// a thousand keys go to SQLite as one JSON parameter (<see cref="EF.Parameter{T}"/>): EF Core 10's default, a
    /// parameter per element, costs a thousand named-parameter look-ups and a fresh statement per query.
    /// </summary>
    private static async Task<int?> RenewLiveAsync(SubscriptionsDbContext db, IMediator mediator, List<Subscription> live, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accountCodes = live.Select(s => s.AccountCode).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => EF.Parameter(accountCodes).Contains(a.Code)).ToDictionaryAsync(a => a.Code, cancellationToken);
        var planCodes = live.Select(s => s.PlanCode).Concat(live.Where(s => s.PendingPlanCode is not null).Select(s => s.PendingPlanCode!)).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => EF.Parameter(planCodes).Contains(p.Code)).ToDictionaryAsync(p => p.Code, cancellationToken);
        int invoiced = 0;
        var events = new List<IIntegrationEvent>();
        var behind = live;
        while (behind.Count > 0)
        {
            var requests = new List<GenerateInvoice>(behind.Count);
            var previousTerms = behind.Select(s => (s.PlanCode, s.Quantity)).ToList();
            foreach (var subscription in behind)
            {
                RenewalSteps.StartNextPeriod(subscription);
                requests.Add(RenewalSteps.InvoiceFor(subscription, plans[subscription.PlanCode], accounts[subscription.AccountCode]));
            }

            var invoices = await mediator.Send(new GenerateInvoices(requests), cancellationToken);
            if (!invoices.IsSuccess)
            {
                return null;
            }

            for (int i = 0; i < behind.Count; i++)
            {
                RenewalSteps.Invoiced(behind[i], invoices.Value[i]);
                events.AddRange(RenewalEvents.Of(behind[i], previousTerms[i].PlanCode, previousTerms[i].Quantity, invoices.Value[i], now));
            }

            invoiced += behind.Count;
            behind = behind.Where(s => s.CurrentPeriodEnd <= now).ToList();
        }

        using var writer = RowWriter<Subscription>.Updating(db);
        foreach (var subscription in live)
        {
            writer.Write(subscription);
        }

        db.StoreEvents(events);
        return invoiced;
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
