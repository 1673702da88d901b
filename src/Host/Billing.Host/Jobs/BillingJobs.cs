using Billing.BuildingBlocks.Idempotency;
using Billing.Coupons.Contracts;
using Billing.Payments.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Webhooks.Contracts;
using Hangfire;
using MediatR;

namespace Billing.Host.Jobs;

/// <summary>
/// What the recurring jobs share. Each job is a thin class: <c>ExecuteAsync</c> sends its one module command (the bill
/// run's path, answering the module's result), <c>RunAsync</c> is what Hangfire runs (a failed result throws, so that
/// Hangfire records and retries it). Every job is a catch-up of what is due by the application clock (never Hangfire's),
/// so a missed or failed occurrence is made good by the next one, and a run may overlap another harmlessly (S6: one
/// invoice per subscription and period is a unique key). Hence the retry policy of each job: a failure of a whole run
/// is the database being briefly unavailable (a held write lock, an I/O error; one subscription's failure is isolated
/// and counted inside the run, not thrown), so a few retries within minutes cover it, and more would only duplicate
/// the next occurrences. A run that exhausts its retries stays in the dashboard's Failed list for the operator.
/// </summary>
internal static class JobPolicy
{
    /// <summary>How long an occurrence waits for the previous run of its job to finish (DisableConcurrentExecution).</summary>
    public const int LockTimeoutSeconds = 600;

    /// <summary>A run whose module command failed as a whole fails its Hangfire job, so that it is retried and shown.</summary>
    public static T OrThrow<T>(this Result<T> result, string job) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Job {job} failed: {result.Error.Code} {result.Error.Message}");
}

/// <summary>S6, S9: renews every due subscription and invoices it; expires those canceled at period end.</summary>
internal sealed class RenewalsJob(IMediator mediator, ILogger<RenewalsJob> logger)
{
    public const string Id = "renewals";

    /// <summary>Three retries (10 s, 1 min, 5 min): see <see cref="JobPolicy"/>.</summary>
    [DisableConcurrentExecution(JobPolicy.LockTimeoutSeconds)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<RenewalCounts> RunAsync(CancellationToken cancellationToken) => (await ExecuteAsync(cancellationToken)).OrThrow(Id);

    public async Task<Result<RenewalCounts>> ExecuteAsync(CancellationToken cancellationToken)
    {
        var counts = await mediator.Send(new RenewDueSubscriptions(), cancellationToken);
        if (counts.IsSuccess && counts.Value.Failed > 0)
        {
            logger.LogWarning("{Failed} renewals failed; they stay due for the next run.", counts.Value.Failed);
        }

        return counts;
    }
}

/// <summary>R5: ends the redemptions whose duration ran out.</summary>
internal sealed class DurationExpiryJob(IMediator mediator)
{
    public const string Id = "duration-expiry";

    /// <summary>Three retries (10 s, 1 min, 5 min): see <see cref="JobPolicy"/>.</summary>
    [DisableConcurrentExecution(JobPolicy.LockTimeoutSeconds)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await ExecuteAsync(cancellationToken)).OrThrow(Id);

    public Task<Result<int>> ExecuteAsync(CancellationToken cancellationToken) => mediator.Send(new EndFinishedRedemptions(), cancellationToken);
}

/// <summary>C13: expires the coupons whose redeem_by has passed (redemption also checks redeem_by itself).</summary>
internal sealed class RedeemByExpiryJob(IMediator mediator)
{
    public const string Id = "redeem-by-expiry";

    /// <summary>Three retries (10 s, 1 min, 5 min): see <see cref="JobPolicy"/>.</summary>
    [DisableConcurrentExecution(JobPolicy.LockTimeoutSeconds)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await ExecuteAsync(cancellationToken)).OrThrow(Id);

    public Task<Result<int>> ExecuteAsync(CancellationToken cancellationToken) => mediator.Send(new ExpireDueCoupons(), cancellationToken);
}

/// <summary>P4: retries the past-due invoices whose next dunning attempt is due; fails them after the last one.</summary>
internal sealed class DunningJob(IMediator mediator)
{
    public const string Id = "dunning";

    /// <summary>Three retries (10 s, 1 min, 5 min): see <see cref="JobPolicy"/>; each invoice is charged at most once per attempt (P2).</summary>
    [DisableConcurrentExecution(JobPolicy.LockTimeoutSeconds)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<DunningCounts> RunAsync(CancellationToken cancellationToken) => (await ExecuteAsync(cancellationToken)).OrThrow(Id);

    public Task<Result<DunningCounts>> ExecuteAsync(CancellationToken cancellationToken) => mediator.Send(new CollectPastDueInvoices(), cancellationToken);
}

/// <summary>Forgets idempotency keys past their 24 hours.</summary>
internal sealed class HousekeepingJob(IdempotencyStore idempotencyKeys)
{
    public const string Id = "housekeeping";

    /// <summary>
    /// No retry: a missed purge only keeps expired keys until the next occurrence, which replays nothing (a key is
    /// honoured for 24 hours from its creation, purged or not).
    /// </summary>
    [DisableConcurrentExecution(JobPolicy.LockTimeoutSeconds)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => idempotencyKeys.PurgeExpiredAsync(cancellationToken);

    public async Task<Result<int>> ExecuteAsync(CancellationToken cancellationToken) => await RunAsync(cancellationToken);
}

/// <summary>
/// Posts the due webhook deliveries (at least once, exponential backoff for 3 days). Runs every few seconds and may
/// overlap a slow run on purpose: each endpoint is claimed by a lease in the database, so a run stuck on a dead receiver
/// never holds the other endpoints' deliveries, and no delivery is posted by two runs at once.
/// </summary>
internal sealed class WebhookDeliveriesJob(IMediator mediator)
{
    public const string Id = "webhook-deliveries";

    /// <summary>No retry: the next occurrence, seconds later, picks up whatever this one did not deliver.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<WebhookDeliveryCounts> RunAsync(CancellationToken cancellationToken) => (await ExecuteAsync(cancellationToken)).OrThrow(Id);

    public Task<Result<WebhookDeliveryCounts>> ExecuteAsync(CancellationToken cancellationToken) => mediator.Send(new DeliverDueWebhooks(), cancellationToken);
}
