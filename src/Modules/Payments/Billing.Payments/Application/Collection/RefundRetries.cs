using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.Payments.Infrastructure.Gateway;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Billing.Payments.Application.Collection;

/// <summary>
/// P6: a refund to the card is owed once its credit note is issued, whatever the gateway answered. The refund rows of
/// one credit note (same <see cref="PaymentTransaction.Reference"/>) are its attempts; while none succeeded, the dunning
/// pass sends the refund again, at most <see cref="MaxAttempts"/> times in all and at least <see cref="Spacing"/> after
/// the previous attempt. A retry is a new attempt with a key of its own (the gateway answers a repeated key with its
/// first answer); the key is derived from the attempt's number, so two passes racing for one retry insert the same key
/// and the unique index lets one of them win. An attempt left pending (a crash before its outcome was recorded) is
/// resumed with its own key, so it never refunds twice.
/// </summary>
internal sealed class RefundRetries(PaymentsDbContext db, IPaymentGateway gateway, TimeProvider clock, ILogger<RefundRetries> logger)
{
    public const int MaxAttempts = 4;

    public static readonly TimeSpan Spacing = TimeSpan.FromHours(1);

    /// <summary>Sends the owed refunds again; answers how many attempts were sent and how many succeeded.</summary>
    public async Task<(int Retried, int Succeeded)> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.Transactions.AsNoTracking()
            .Where(t => t.Kind == TransactionKind.Refund && t.Outcome != TransactionOutcome.Succeeded && t.Reference != null)
            .Select(t => t.Reference!)
            .Distinct()
            .OrderBy(reference => reference)
            .Take(1000)
            .ToListAsync(cancellationToken);
        int retried = 0, succeeded = 0;
        foreach (string reference in open)
        {
            var attempts = await db.Transactions.AsNoTracking()
                .Where(t => t.Kind == TransactionKind.Refund && t.Reference == reference)
                .OrderBy(t => t.CreatedAt).ThenBy(t => t.IdempotencyKey)
                .ToListAsync(cancellationToken);
            if (NextAttempt(attempts, now) is not var (next, isNew))
            {
                continue;
            }

            var charge = await db.Transactions.AsNoTracking()
                .FirstOrDefaultAsync(t => t.InvoiceNumber == next.InvoiceNumber && t.Kind == TransactionKind.Charge && t.Outcome == TransactionOutcome.Succeeded, cancellationToken);
            if (charge is null || (isNew && !await ClaimAsync(next, cancellationToken)))
            {
                continue;
            }

            logger.LogWarning("Refunding {Reference} of invoice {InvoiceNumber} again (attempt {Attempt}).", reference, next.InvoiceNumber, attempts.Count + (isNew ? 1 : 0));
            var answer = await gateway.RefundAsync(charge.GatewayReference ?? string.Empty, new Money(next.Amount, Currency.Of(next.Currency)), next.IdempotencyKey, cancellationToken);
            await RecordAsync(db, next.Id, answer, cancellationToken);
            retried++;
            succeeded += answer.Outcome == GatewayOutcome.Succeeded ? 1 : 0;
        }

        return (retried, succeeded);
    }

    /// <summary>Records the gateway's answer to a pending refund attempt, in a transaction of its own.</summary>
    public static Task RecordAsync(PaymentsDbContext db, string transactionId, GatewayResult answer, CancellationToken cancellationToken)
    {
        var outcome = answer.Outcome switch
        {
            GatewayOutcome.Succeeded => TransactionOutcome.Succeeded,
            GatewayOutcome.Declined => TransactionOutcome.Declined,
            _ => TransactionOutcome.Failed,
        };
        return db.Session.InTransactionAsync(() => db.Transactions
            .Where(t => t.Id == transactionId && t.Outcome == TransactionOutcome.Pending)
            .ExecuteUpdateAsync(
                set => set.SetProperty(t => t.Outcome, outcome).SetProperty(t => t.GatewayReference, answer.Reference).SetProperty(t => t.DeclineCode, answer.DeclineCode),
                cancellationToken));
    }

    /// <summary>
    /// The attempt to send now: the pending one when it is stale, else a new one (<c>IsNew</c>) after a refused last
    /// attempt that is old enough, while attempts are left; none when a refund succeeded or it is too early.
    /// </summary>
    private static (PaymentTransaction Attempt, bool IsNew)? NextAttempt(List<PaymentTransaction> attempts, DateTimeOffset now)
    {
        var last = attempts[^1];
        if (attempts.Any(t => t.Outcome == TransactionOutcome.Succeeded))
        {
            return null;
        }

        if (last.Outcome == TransactionOutcome.Pending)
        {
            return last.CreatedAt <= now - Collector.StaleClaim ? (last, false) : null;
        }

        if (attempts.Count >= MaxAttempts || last.CreatedAt > now - Spacing)
        {
            return null;
        }

        return (new PaymentTransaction
        {
            Id = Ids.New("txn"),
            InvoiceNumber = last.InvoiceNumber,
            AccountCode = last.AccountCode,
            Kind = TransactionKind.Refund,
            Amount = last.Amount,
            Currency = last.Currency,
            Outcome = TransactionOutcome.Pending,
            IdempotencyKey = $"{attempts[0].IdempotencyKey}_retry{attempts.Count}",
            Reference = last.Reference,
            CreatedAt = now,
        }, true);
    }

    /// <summary>Inserts the new attempt as pending; false when another pass inserted the same attempt first.</summary>
    private async Task<bool> ClaimAsync(PaymentTransaction attempt, CancellationToken cancellationToken)
    {
        try
        {
            await db.Session.InTransactionAsync(async () =>
            {
                db.Transactions.Add(attempt);
                await db.SaveChangesAsync(cancellationToken);
            });
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Transactions.AsNoTracking().AnyAsync(t => t.IdempotencyKey == attempt.IdempotencyKey && t.Id != attempt.Id, cancellationToken))
            {
                return false;
            }

            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
