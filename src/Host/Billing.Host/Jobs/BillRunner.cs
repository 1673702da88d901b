using Billing.BuildingBlocks.Idempotency;
using Billing.Coupons.Contracts;
using Billing.Payments.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Host.Jobs;

/// <summary>What one bill run did.</summary>
internal sealed record BillRunResult(int Renewed, int Invoiced, int Failed, int CouponsExpired, int RedemptionsEnded, int IdempotencyKeysPurged, DunningCounts Dunning);

/// <summary>
/// The bill run: the same sequence of module commands whether the schedule or <c>POST /api/bill-runs</c>
/// starts it — expire coupons past redeem_by (C13), renew due subscriptions and invoice them (S6), end
/// redemptions whose duration ran out (R5), retry past-due invoices (P4), and forget idempotency keys past their 24 hours. Each step is its own
/// scope and transaction.
/// </summary>
internal sealed class BillRunner(IServiceScopeFactory scopes, IdempotencyStore idempotencyKeys)
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public async Task<Result<BillRunResult>> RunAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var expired = await SendAsync(new ExpireDueCoupons(), cancellationToken);
            if (!expired.IsSuccess)
            {
                return expired.Error;
            }

            var renewals = await SendAsync(new RenewDueSubscriptions(), cancellationToken);
            if (!renewals.IsSuccess)
            {
                return renewals.Error;
            }

            var ended = await SendAsync(new EndFinishedRedemptions(), cancellationToken);
            if (!ended.IsSuccess)
            {
                return ended.Error;
            }

            // P4: dunning retries past-due invoices whose next attempt is due.
            var dunning = await SendAsync(new CollectPastDueInvoices(), cancellationToken);
            if (!dunning.IsSuccess)
            {
                return dunning.Error;
            }

            int purged = await idempotencyKeys.PurgeExpiredAsync(cancellationToken);
            return new BillRunResult(renewals.Value.Renewed, renewals.Value.Invoiced, renewals.Value.Failed, expired.Value, ended.Value, purged, dunning.Value);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task<Result<T>> SendAsync<T>(IRequest<Result<T>> command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
    }
}
