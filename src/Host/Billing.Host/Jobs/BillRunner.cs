using Billing.Payments.Contracts;
using Billing.SharedKernel;

namespace Billing.Host.Jobs;

/// <summary>What one bill run did.</summary>
internal sealed record BillRunResult(
    int Renewed,
    int Invoiced,
    int Failed,
    int SubscriptionsExpired,
    int CouponsExpired,
    int RedemptionsEnded,
    int IdempotencyKeysPurged,
    DunningCounts Dunning);

/// <summary>
/// <c>POST /api/bill-runs</c>: the recurring jobs run now, in this order — expire coupons past redeem_by (C13), renew
/// due subscriptions and invoice them (S6, expiring those canceled at period end, S9), end redemptions whose duration
/// ran out (R5), retry past-due invoices whose next attempt is due (P4), and forget idempotency keys past their 24 hours — each in its own scope and transaction, and their
/// counts answered. The same job classes as on the schedule; one API run at a time.
/// </summary>
internal sealed class BillRunner(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public async Task<Result<BillRunResult>> RunAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var couponsExpired = await ExecuteAsync<RedeemByExpiryJob, int>((job, ct) => job.ExecuteAsync(ct), cancellationToken);
            if (!couponsExpired.IsSuccess)
            {
                return couponsExpired.Error;
            }

            var renewals = await ExecuteAsync<RenewalsJob, Subscriptions.Contracts.RenewalCounts>((job, ct) => job.ExecuteAsync(ct), cancellationToken);
            if (!renewals.IsSuccess)
            {
                return renewals.Error;
            }

            var redemptionsEnded = await ExecuteAsync<DurationExpiryJob, int>((job, ct) => job.ExecuteAsync(ct), cancellationToken);
            if (!redemptionsEnded.IsSuccess)
            {
                return redemptionsEnded.Error;
            }

            var dunning = await ExecuteAsync<DunningJob, DunningCounts>((job, ct) => job.ExecuteAsync(ct), cancellationToken);
            if (!dunning.IsSuccess)
            {
                return dunning.Error;
            }

            var purged = await ExecuteAsync<HousekeepingJob, int>((job, ct) => job.ExecuteAsync(ct), cancellationToken);
            if (!purged.IsSuccess)
            {
                return purged.Error;
            }

            var counts = renewals.Value;
            return new BillRunResult(counts.Renewed, counts.Invoiced, counts.Failed, counts.Expired, couponsExpired.Value, redemptionsEnded.Value, purged.Value, dunning.Value);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task<Result<T>> ExecuteAsync<TJob, T>(Func<TJob, CancellationToken, Task<Result<T>>> execute, CancellationToken cancellationToken)
        where TJob : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await execute(scope.ServiceProvider.GetRequiredService<TJob>(), cancellationToken);
    }
}
