using System.Globalization;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.Payments.Domain;
using Billing.Payments.Infrastructure;
using Billing.Payments.Infrastructure.Gateway;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Payments.Application.Collection;

/// <summary>
/// P2/P4: collects one invoice in three steps, so that the gateway is never called inside a write transaction and an
/// invoice is never charged twice:
/// <list type="number">
/// <item>the claim — a guarded UPDATE of the invoice's collection row from open (or past due and due for a retry) to
/// collecting, and a pending transaction row carrying the attempt's idempotency key, committed together: of any
/// number of concurrent collections one claims, the others find it collecting and stop;</item>
/// <item>the charge, through the gateway, with that key (a repeated key charges nothing again);</item>
/// <item>the outcome — the transaction row, the collection's new state, and the invoice's (paid, past due or failed,
/// with its event), committed together.</item>
/// </list>
/// A claim whose outcome was never recorded (a crash during the charge) is resumed by the dunning pass with the same
/// key, so the gateway answers what it answered the first time.
/// </summary>
internal sealed class Collector(
    PaymentsDbContext db,
    IMediator mediator,
    IPaymentGateway gateway,
    IOptions<DunningOptions> options,
    TimeProvider clock,
    ILogger<Collector> logger)
{
    /// <summary>How long a claim may wait for its outcome before the dunning pass resumes it.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    private sealed record Claim(Domain.Collection Collection, PaymentTransaction Transaction, string Token);

    public const string NotAttempted = "not_attempted";

    public async Task<Result<CollectionDto>> CollectAsync(long number, bool retryNow, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Claim? claim = null;
        var claimed = await db.Session.InTransactionAsync<Result<CollectionDto>>(
            async () =>
            {
                var ensured = await EnsureAsync(number, cancellationToken);
                if (!ensured.IsSuccess)
                {
                    return ensured.Error;
                }

                var collection = ensured.Value;
                if (!collection.IsAwaitingPayment)
                {
                    return Skipped(collection, "not_collectable");
                }

                if (collection.State == CollectionState.PastDue && !retryNow && collection.NextAttemptAt > now)
                {
                    return Skipped(collection, "not_due");
                }

                var method = await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.AccountCode == collection.AccountCode, cancellationToken);
                if (method is null || await IsCollectedManuallyAsync(collection, cancellationToken))
                {
                    return Skipped(collection, "manual_collection");
                }

                int attempt = collection.Attempts + 1;
                int won = await db.Collections
                    .Where(c => c.InvoiceNumber == number && c.State == collection.State && c.Attempts == collection.Attempts)
                    .ExecuteUpdateAsync(
                        set => set
                            .SetProperty(c => c.State, CollectionState.Collecting)
                            .SetProperty(c => c.Attempts, attempt)
                            .SetProperty(c => c.UpdatedAt, now),
                        cancellationToken);
                if (won == 0)
                {
                    return Skipped(collection, "not_collectable");
                }

                var transaction = new PaymentTransaction
                {
                    Id = Ids.New("txn"),
                    InvoiceNumber = number,
                    AccountCode = collection.AccountCode,
                    Kind = TransactionKind.Charge,
                    Amount = collection.AmountDue,
                    Currency = collection.Currency,
                    Outcome = TransactionOutcome.Pending,
                    IdempotencyKey = collection.IdempotencyKey(attempt),
                    CreatedAt = now,
                };
                db.Transactions.Add(transaction);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                collection.Claimed(attempt);
                claim = new Claim(collection, transaction, method.Token);
                return Result<CollectionDto>.Success(new CollectionDto(number, TransactionOutcomeNames.Pending, null, InvoiceStates.Pending));
            },
            result => result.IsSuccess);
        if (claim is null)
        {
            return claimed;
        }

        return await ChargeAndRecordAsync(claim, cancellationToken);
    }

    /// <summary>Resumes claims whose outcome was never recorded: the same idempotency key, so no second charge.</summary>
    public async Task<int> ResumeStaleClaimsAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - StaleClaim;
        var stale = await db.Collections.AsNoTracking()
            .Where(c => c.State == CollectionState.Collecting && c.UpdatedAt < before)
            .OrderBy(c => c.UpdatedAt).ThenBy(c => c.InvoiceNumber)
            .Take(1000)
            .ToListAsync(cancellationToken);
        int resumed = 0;
        foreach (var collection in stale)
        {
            string key = collection.IdempotencyKey(collection.Attempts);
            var transaction = await db.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.IdempotencyKey == key && t.Outcome == TransactionOutcome.Pending, cancellationToken);
            var method = await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.AccountCode == collection.AccountCode, cancellationToken);
            if (transaction is null || method is null)
            {
                continue;
            }

            logger.LogWarning("Resuming the charge of invoice {InvoiceNumber}, attempt {Attempt}, whose outcome was never recorded.", collection.InvoiceNumber, collection.Attempts);
            await ChargeAndRecordAsync(new Claim(collection, transaction, method.Token), cancellationToken);
            resumed++;
        }

        return resumed;
    }

    /// <summary>
    /// The invoice's collection row, created from the invoice the first time it is needed (whether the invoice's
    /// event or a request comes first); in the open transaction.
    /// </summary>
    public async Task<Result<Domain.Collection>> EnsureAsync(long number, CancellationToken cancellationToken)
    {
        await db.LockCollectionAsync(number, cancellationToken);
        if (await db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.InvoiceNumber == number, cancellationToken) is { } existing)
        {
            return existing;
        }

        var invoice = await mediator.Send(new GetInvoice(number.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        if (!invoice.IsSuccess)
        {
            return invoice.Error;
        }

        var dto = invoice.Value;
        _ = Money.TryFromMajor(dto.AmountDue, Currency.Of(dto.Currency), out var due);
        var collection = new Domain.Collection
        {
            InvoiceNumber = number,
            AccountCode = dto.AccountCode ?? string.Empty,
            SubscriptionId = dto.SubscriptionId,
            Currency = dto.Currency,
            AmountDue = due.Minor,
            State = dto.State switch
            {
                InvoiceStates.Pending => CollectionState.Open,
                InvoiceStates.PastDue => CollectionState.PastDue,
                InvoiceStates.Failed => CollectionState.Failed,
                InvoiceStates.Voided => CollectionState.Voided,
                _ => CollectionState.Paid,
            },
            UpdatedAt = clock.GetUtcNow(),
        };
        db.Collections.Add(collection);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return collection;
    }

    private async Task<Result<CollectionDto>> ChargeAndRecordAsync(Claim claim, CancellationToken cancellationToken)
    {
        var collection = claim.Collection;
        var amount = new Money(collection.AmountDue, Currency.Of(collection.Currency));
        var charged = await gateway.ChargeAsync(claim.Token, amount, claim.Transaction.IdempotencyKey, cancellationToken);
        var now = clock.GetUtcNow();
        return await db.Session.InTransactionAsync<Result<CollectionDto>>(
            async () =>
            {
                var outcome = charged.Outcome switch
                {
                    GatewayOutcome.Succeeded => TransactionOutcome.Succeeded,
                    GatewayOutcome.Declined => TransactionOutcome.Declined,
                    _ => TransactionOutcome.Failed,
                };
                await db.Transactions
                    .Where(t => t.Id == claim.Transaction.Id && t.Outcome == TransactionOutcome.Pending)
                    .ExecuteUpdateAsync(
                        set => set
                            .SetProperty(t => t.Outcome, outcome)
                            .SetProperty(t => t.GatewayReference, charged.Reference)
                            .SetProperty(t => t.DeclineCode, charged.DeclineCode),
                        cancellationToken);
                string invoiceState;
                Result<InvoiceDto> changed;
                if (outcome == TransactionOutcome.Succeeded)
                {
                    await SetStateAsync(collection.InvoiceNumber, CollectionState.Paid, collection.FirstFailedAt, null, now, cancellationToken);
                    changed = await mediator.Send(new RecordInvoicePayment(collection.InvoiceNumber, collection.AmountDue, InvoicePaymentMethod.Card, charged.Reference), cancellationToken);
                    invoiceState = InvoiceStates.Paid;
                }
                else
                {
                    var firstFailed = collection.FirstFailedAt ?? now;
                    var next = options.Value.Schedule().NextAttempt(firstFailed, collection.Attempts);
                    logger.LogInformation(
                        "Charge attempt {Attempt} of invoice {InvoiceNumber} {Outcome} ({DeclineCode}); next attempt {NextAttemptAt}.",
                        collection.Attempts,
                        collection.InvoiceNumber,
                        TransactionOutcomeNames.Of(outcome),
                        charged.DeclineCode,
                        next);
                    await SetStateAsync(collection.InvoiceNumber, next is null ? CollectionState.Failed : CollectionState.PastDue, firstFailed, next, now, cancellationToken);
                    if (next is null)
                    {
                        // P4: the invoice passes through past due on its way to failed, so its events tell the whole story.
                        changed = await mediator.Send(new MarkInvoicePastDue(collection.InvoiceNumber), cancellationToken);
                        changed = changed.IsSuccess ? await mediator.Send(new MarkInvoiceFailed(collection.InvoiceNumber), cancellationToken) : changed;
                        invoiceState = InvoiceStates.Failed;
                    }
                    else
                    {
                        changed = await mediator.Send(new MarkInvoicePastDue(collection.InvoiceNumber), cancellationToken);
                        invoiceState = InvoiceStates.PastDue;
                    }
                }

                if (!changed.IsSuccess)
                {
                    // Cannot happen while every change of an invoice's payment state passes through its collection row.
                    logger.LogError("Invoice {InvoiceNumber} refused the outcome of its charge: {Code}.", collection.InvoiceNumber, changed.Error.Code);
                }

                return Result<CollectionDto>.Success(new CollectionDto(collection.InvoiceNumber, TransactionOutcomeNames.Of(outcome), charged.DeclineCode, invoiceState));
            },
            _ => true);
    }

    private Task<int> SetStateAsync(long number, CollectionState state, DateTimeOffset? firstFailedAt, DateTimeOffset? nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Collections
            .Where(c => c.InvoiceNumber == number && c.State == CollectionState.Collecting)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(c => c.State, state)
                    .SetProperty(c => c.FirstFailedAt, firstFailedAt)
                    .SetProperty(c => c.NextAttemptAt, nextAttemptAt)
                    .SetProperty(c => c.UpdatedAt, now),
                cancellationToken);

    /// <summary>S4: a partner's price (<c>payment_type: external</c>) is collected by the partner, so manually here.</summary>
    /// <summary>
    /// P2: an invoice is collected manually when its account says so, or when its subscription's price is a partner's
    /// (S4's <c>payment_type: external</c>).
    /// </summary>
    private async Task<bool> IsCollectedManuallyAsync(Domain.Collection collection, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccount(collection.AccountCode), cancellationToken);
        if (!account.IsSuccess || account.Value.CollectionMethod == CollectionMethods.Manual)
        {
            return true;
        }

        if (collection.SubscriptionId is null)
        {
            return false;
        }

        var subscription = await mediator.Send(new GetSubscription(collection.SubscriptionId), cancellationToken);
        return subscription.IsSuccess && subscription.Value.PriceOverride?.PaymentType == "external";
    }

    /// <summary>P3/P2: collects the account's open and past-due invoices now (a new card, or collection turned automatic).</summary>
    public async Task CollectOpenInvoicesAsync(string accountCode, CancellationToken cancellationToken)
    {
        foreach (string state in (string[])[InvoiceStates.Pending, InvoiceStates.PastDue])
        {
            await foreach (var invoice in mediator.AllAsync(page => new PageInvoices(accountCode, null, state, null, page), PageRequest.MaxLimit, cancellationToken))
            {
                if (invoice.AmountDue > 0 && invoice.Number is { } number)
                {
                    await CollectAsync(number, retryNow: true, cancellationToken);
                }
            }
        }
    }

    private static Result<CollectionDto> Skipped(Domain.Collection collection, string reason) =>
        new CollectionDto(collection.InvoiceNumber, NotAttempted, reason, collection.State switch
        {
            CollectionState.Open or CollectionState.Collecting => InvoiceStates.Pending,
            CollectionState.PastDue => InvoiceStates.PastDue,
            CollectionState.Failed => InvoiceStates.Failed,
            CollectionState.Voided => InvoiceStates.Voided,
            _ => InvoiceStates.Paid,
        });
}

/// <summary>The wire names of transaction outcomes.</summary>
internal static class TransactionOutcomeNames
{
    public static readonly string Pending = Of(TransactionOutcome.Pending);

    public static string Of(TransactionOutcome outcome) => Wire<TransactionOutcome>.Name(outcome);
}
