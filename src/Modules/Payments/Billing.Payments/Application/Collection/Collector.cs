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
/// P2/P4: collects a batch of invoices — one invoice (a manual or dunning retry) is a batch of one — in three steps,
/// so that the gateway is never called inside a write transaction and an invoice is never charged twice:
/// <list type="number">
/// <item>the claim, one transaction for the batch — each invoice's collection row moved by a guarded UPDATE from open
/// (or past due and due for a retry) to collecting (one statement per state and attempt read, each row guarded on its
/// own, the rows it changed read back), and a pending transaction row carrying the attempt's idempotency key: each
/// invoice's own guard decides, so of any number of concurrent collections one claims it and the others find
/// it collecting and leave it;</item>
/// <item>the charges, through the gateway, each with its key (a repeated key charges nothing again), a few at a time
/// and outside any transaction;</item>
/// <item>the outcomes, one transaction for the batch — each attempt's transaction row, its collection's new state
/// (guarded on the claim) and its invoice's (paid, past due or failed, with its event).</item>
/// </list>
/// A batch thus waits for two commits, where one invoice at a time waited for two each. A claim whose outcome was
/// never recorded (a crash during the charge) is resumed by the dunning pass with the same key, so the gateway answers
/// what it answered the first time.
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

    public const string NotAttempted = "not_attempted";

    /// <summary>The reason of a <c>pending</c> attempt: the gateway call threw, so its outcome is not known yet.</summary>
    public const string GatewayNoAnswer = "gateway_no_answer";

    /// <summary>Invoices claimed, and then recorded, in one transaction: a longer one would hold the write lock longer.</summary>
    private const int BatchSize = 200;

    /// <summary>Gateway calls of a batch in flight at once.</summary>
    private const int GatewayConcurrency = 16;

    private sealed record Claim(Domain.Collection Collection, PaymentTransaction Transaction, string Token);

    /// <summary>Collects one invoice: a batch of one.</summary>
    public async Task<Result<CollectionDto>> CollectAsync(long number, bool retryNow, CancellationToken cancellationToken) =>
        (await CollectAsync([number], retryNow, cancellationToken))[number];

    /// <summary>
    /// Collects the invoices, <see cref="BatchSize"/> at a time; answers each invoice's attempt (or why none was made,
    /// <see cref="NotAttempted"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, Result<CollectionDto>>> CollectAsync(IReadOnlyCollection<long> numbers, bool retryNow, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<long, Result<CollectionDto>>();
        foreach (long[] batch in numbers.Distinct().Chunk(BatchSize))
        {
            var claims = await ClaimAsync(batch, retryNow, answers, cancellationToken);
            await ChargeAndRecordAsync(claims, answers, cancellationToken);
        }

        return answers;
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
        var keys = stale.Select(c => c.IdempotencyKey(c.Attempts)).ToList();
        var pending = await db.Transactions.AsNoTracking()
            .Where(t => EF.Parameter(keys).Contains(t.IdempotencyKey) && t.Outcome == TransactionOutcome.Pending)
            .ToDictionaryAsync(t => t.IdempotencyKey, cancellationToken);
        var tokens = await db.PaymentTokensAsync(stale.Select(c => c.AccountCode), cancellationToken);
        var claims = new List<Claim>();
        foreach (var collection in stale)
        {
            if (pending.GetValueOrDefault(collection.IdempotencyKey(collection.Attempts)) is { } transaction && tokens.GetValueOrDefault(collection.AccountCode) is { } token)
            {
                logger.LogWarning("Resuming the charge of invoice {InvoiceNumber}, attempt {Attempt}, whose outcome was never recorded.", collection.InvoiceNumber, collection.Attempts);
                claims.Add(new Claim(collection, transaction, token));
            }
        }

        var answers = new Dictionary<long, Result<CollectionDto>>();
        foreach (var batch in claims.Chunk(BatchSize))
        {
            await ChargeAndRecordAsync(batch, answers, cancellationToken);
        }

        return claims.Count;
    }

    /// <summary>
    /// The invoice's collection row, created from the invoice the first time it is needed (whether the invoice's
    /// event or a request comes first); in the open transaction.
    /// </summary>
    public async Task<Result<Domain.Collection>> EnsureAsync(long number, CancellationToken cancellationToken) =>
        (await EnsureAsync([number], cancellationToken))[number];

    /// <summary>The invoices' collection rows (see <see cref="EnsureAsync(long, CancellationToken)"/>), locked until the open transaction ends.</summary>
    private async Task<Dictionary<long, Result<Domain.Collection>>> EnsureAsync(IReadOnlyCollection<long> numbers, CancellationToken cancellationToken)
    {
        await db.LockCollectionsAsync(numbers, cancellationToken);
        var existing = await db.CollectionsAsync(numbers, cancellationToken);
        var missing = numbers.Where(n => !existing.ContainsKey(n)).ToList();
        var invoices = new Dictionary<long, InvoiceToCollect>();
        if (missing.Count > 0)
        {
            var read = await mediator.Send(new GetInvoicesToCollect(missing), cancellationToken);
            if (!read.IsSuccess)
            {
                return numbers.ToDictionary(n => n, n => existing.TryGetValue(n, out var collection) ? collection : Result<Domain.Collection>.Failure(read.Error));
            }

            invoices = read.Value.ToDictionary(i => i.Number);
        }

        var ensured = new Dictionary<long, Result<Domain.Collection>>();
        var created = new List<Domain.Collection>();
        foreach (long number in numbers)
        {
            if (existing.TryGetValue(number, out var collection))
            {
                ensured[number] = collection;
            }
            else if (invoices.TryGetValue(number, out var invoice))
            {
                var fresh = FromInvoice(invoice);
                created.Add(fresh);
                ensured[number] = fresh;
            }
            else
            {
                ensured[number] = Error.NotFound("invoice_not_found", $"No invoice has the number '{number.ToString(CultureInfo.InvariantCulture)}'.");
            }
        }

        db.InsertCollections(created);
        return ensured;
    }

    private Domain.Collection FromInvoice(InvoiceToCollect invoice) =>
        new()
        {
            InvoiceNumber = invoice.Number,
            AccountCode = invoice.AccountCode,
            SubscriptionId = invoice.SubscriptionId,
            Currency = invoice.Currency,
            AmountDue = invoice.AmountDueMinor,
            State = invoice.State switch
            {
                InvoiceState.Pending => CollectionState.Open,
                InvoiceState.PastDue => CollectionState.PastDue,
                InvoiceState.Failed => CollectionState.Failed,
                InvoiceState.Voided => CollectionState.Voided,
                _ => CollectionState.Paid,
            },
            UpdatedAt = clock.GetUtcNow(),
        };

    /// <summary>Step 1: claims what may be charged now of <paramref name="batch"/>, in one transaction; answers the others.</summary>
    private async Task<List<Claim>> ClaimAsync(long[] batch, bool retryNow, Dictionary<long, Result<CollectionDto>> answers, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Session.InTransactionAsync(
            async () =>
            {
                var ensured = await EnsureAsync(batch, cancellationToken);
                var chargeable = new List<Domain.Collection>();
                foreach (long number in batch)
                {
                    var collection = ensured[number];
                    if (!collection.IsSuccess)
                    {
                        answers[number] = collection.Error;
                    }
                    else if (collection.Value.NotChargeableNow(now, retryNow) is { } reason)
                    {
                        answers[number] = Skipped(collection.Value, reason);
                    }
                    else
                    {
                        chargeable.Add(collection.Value);
                    }
                }

                var tokens = await db.PaymentTokensAsync(chargeable.Select(c => c.AccountCode), cancellationToken);
                var manual = await CollectedManuallyAsync(chargeable.Where(c => tokens.ContainsKey(c.AccountCode)).ToList(), cancellationToken);
                var charged = new List<(Domain.Collection Collection, string Token)>();
                foreach (var collection in chargeable)
                {
                    if (!tokens.TryGetValue(collection.AccountCode, out string? token) || manual.Contains(collection.InvoiceNumber))
                    {
                        answers[collection.InvoiceNumber] = Skipped(collection, "manual_collection");
                        continue;
                    }

                    charged.Add((collection, token));
                }

                var won = await db.ClaimAsync(charged.Select(c => c.Collection), now, cancellationToken);
                var claimed = new List<(Domain.Collection Collection, PaymentTransaction Pending, string Token)>();
                foreach (var (collection, token) in charged)
                {
                    if (!won.Contains(collection.InvoiceNumber))
                    {
                        answers[collection.InvoiceNumber] = Skipped(collection, "not_collectable");
                        continue;
                    }

                    collection.Claimed(collection.Attempts + 1);
                    claimed.Add((collection, PaymentTransaction.PendingCharge(collection, Ids.New("txn"), now), token));
                }

                var stored = (await db.InsertPendingAsync([.. claimed.Select(c => c.Pending)], cancellationToken)).ToDictionary(t => t.Id);
                return claimed.Select(c => new Claim(c.Collection, stored[c.Pending.Id], c.Token)).ToList();
            },
            _ => true);
    }

    /// <summary>
    /// Steps 2 and 3: charges the claims through the gateway, at most <see cref="GatewayConcurrency"/> at once, then
    /// records every answer in one transaction. A call that throws (a timeout that may have lost the gateway's answer)
    /// leaves its claim and its pending transaction as they are, to be resumed with the same key after
    /// <see cref="StaleClaim"/>: it is answered <c>pending</c> with the reason <c>gateway_no_answer</c> and logged,
    /// never thrown, so neither the caller nor the batch's other invoices see an error.
    /// </summary>
    private async Task ChargeAndRecordAsync(IReadOnlyList<Claim> claims, Dictionary<long, Result<CollectionDto>> answers, CancellationToken cancellationToken)
    {
        if (claims.Count == 0)
        {
            return;
        }

        using var inFlight = new SemaphoreSlim(GatewayConcurrency);
        var calls = claims.Select(async claim =>
        {
            await inFlight.WaitAsync(cancellationToken);
            try
            {
                var amount = new Money(claim.Collection.AmountDue, Currency.Of(claim.Collection.Currency));
                return (Claim: claim, Answer: await gateway.ChargeAsync(claim.Token, amount, claim.Transaction.IdempotencyKey, cancellationToken));
            }
            finally
            {
                inFlight.Release();
            }
        }).ToList();
        await ((Task)Task.WhenAll(calls)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var answered = calls.Where(c => c.IsCompletedSuccessfully).Select(c => c.Result).OrderBy(c => c.Claim.Collection.InvoiceNumber).ToList();
        await RecordAsync(answered, answers, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var (claim, call) in claims.Zip(calls).Where(pair => pair.Second.IsFaulted))
        {
            logger.LogWarning(
                call.Exception?.InnerException,
                "The gateway did not answer the charge of invoice {InvoiceNumber} (transaction {TransactionId}); its claim is resumed with the same idempotency key after {StaleClaim}",
                claim.Collection.InvoiceNumber,
                claim.Transaction.Id,
                StaleClaim);
            answers[claim.Collection.InvoiceNumber] = new CollectionDto(claim.Collection.InvoiceNumber, TransactionOutcomeNames.Pending, GatewayNoAnswer, InvoiceStateOf(claim.Collection));
        }
    }

    /// <summary>Step 3: each answered claim's transaction row, its collection's settlement and its invoice's state, in one transaction.</summary>
    private Task RecordAsync(IReadOnlyList<(Claim Claim, GatewayResult Answer)> answered, Dictionary<long, Result<CollectionDto>> answers, CancellationToken cancellationToken)
    {
        if (answered.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = clock.GetUtcNow();
        var schedule = options.Value.Schedule();
        return db.Session.InTransactionAsync(
            async () =>
            {
                var settled = answered.Select(a =>
                {
                    var outcome = a.Answer.Outcome switch
                    {
                        GatewayOutcome.Succeeded => TransactionOutcome.Succeeded,
                        GatewayOutcome.Declined => TransactionOutcome.Declined,
                        _ => TransactionOutcome.Failed,
                    };
                    return (a.Claim, a.Answer, Outcome: outcome, Settlement: a.Claim.Collection.Settle(outcome, schedule, now));
                }).ToList();
                var won = await db.SettleAsync(settled.Select(s => (s.Claim.Collection, s.Settlement)), now, cancellationToken);
                var written = new List<PaymentTransaction>();
                var payments = new List<RecordInvoicePayment>();
                foreach (var (claim, answer, outcome, settlement) in settled)
                {
                    var collection = claim.Collection;
                    string invoiceState = Wire<InvoiceState>.Name(settlement.State switch
                    {
                        CollectionState.Paid => InvoiceState.Paid,
                        CollectionState.Failed => InvoiceState.Failed,
                        _ => InvoiceState.PastDue,
                    });
                    answers[collection.InvoiceNumber] = new CollectionDto(collection.InvoiceNumber, TransactionOutcomeNames.Of(outcome), answer.DeclineCode, invoiceState);
                    if (!won.Contains(collection.InvoiceNumber))
                    {
                        // Settled already by a resumed claim, with the gateway's same answer to the same key.
                        continue;
                    }

                    written.Add(claim.Transaction.Answered(outcome, answer.Reference, answer.DeclineCode));
                    if (settlement.State == CollectionState.Paid)
                    {
                        payments.Add(new RecordInvoicePayment(collection.InvoiceNumber, collection.AmountDue, InvoicePaymentMethod.Card, answer.Reference));
                    }
                    else
                    {
                        await MarkUnpaidAsync(collection, settlement, outcome, answer, cancellationToken);
                    }
                }

                db.WriteAnswered(written);
                await RecordPaymentsAsync(payments, cancellationToken);
                return true;
            });
    }

    /// <summary>The invoices paid by their charges become paid, as one batch of Invoicing's (each guarded on its own row).</summary>
    private async Task RecordPaymentsAsync(IReadOnlyList<RecordInvoicePayment> payments, CancellationToken cancellationToken)
    {
        if (payments.Count == 0)
        {
            return;
        }

        var recorded = await mediator.Send(new RecordInvoicePayments(payments), cancellationToken);
        var refused = recorded.IsSuccess
            ? recorded.Value
            : payments.ToDictionary(p => p.InvoiceNumber, _ => recorded.Error);
        foreach (var (number, error) in refused)
        {
            RefusedOutcome(number, error);
        }
    }

    /// <summary>An unpaid invoice follows its collection: past due — and failed when dunning is exhausted.</summary>
    private async Task MarkUnpaidAsync(Domain.Collection collection, Settlement settlement, TransactionOutcome outcome, GatewayResult answer, CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Charge attempt {Attempt} of invoice {InvoiceNumber} {Outcome} ({DeclineCode}); next attempt {NextAttemptAt}.",
            collection.Attempts,
            collection.InvoiceNumber,
            TransactionOutcomeNames.Of(outcome),
            answer.DeclineCode,
            settlement.NextAttemptAt);
        // P4: the invoice passes through past due on its way to failed, so its events tell the whole story.
        var changed = await mediator.Send(new MarkInvoicePastDue(collection.InvoiceNumber), cancellationToken);
        if (changed.IsSuccess && settlement.State == CollectionState.Failed)
        {
            changed = await mediator.Send(new MarkInvoiceFailed(collection.InvoiceNumber), cancellationToken);
        }

        if (!changed.IsSuccess)
        {
            RefusedOutcome(collection.InvoiceNumber, changed.Error);
        }
    }

    /// <summary>Cannot happen while every change of an invoice's payment state passes through its collection row.</summary>
    private void RefusedOutcome(long number, Error error) =>
        logger.LogError("Invoice {InvoiceNumber} refused the outcome of its charge: {Code}.", number, error.Code);

    /// <summary>
    /// P2: the invoices collected manually, because their account says so or their subscription's price is a partner's
    /// (S4's <c>payment_type: external</c>); the batch's accounts and subscriptions asked of Subscriptions in one request.
    /// </summary>
    private async Task<HashSet<long>> CollectedManuallyAsync(IReadOnlyList<Domain.Collection> collections, CancellationToken cancellationToken)
    {
        if (collections.Count == 0)
        {
            return [];
        }

        var terms = await mediator.Send(
            new GetCollectionTerms([.. collections.Select(c => c.AccountCode)], [.. collections.Where(c => c.SubscriptionId is not null).Select(c => c.SubscriptionId!)]),
            cancellationToken);
        if (!terms.IsSuccess)
        {
            return [.. collections.Select(c => c.InvoiceNumber)];
        }

        return [.. collections
            .Where(c => !terms.Value.AutomaticAccounts.Contains(c.AccountCode) || (c.SubscriptionId is { } id && terms.Value.ExternallyPaidSubscriptions.Contains(id)))
            .Select(c => c.InvoiceNumber)];
    }

    /// <summary>P3/P2: collects the account's open and past-due invoices now, as one batch (a new card, or collection turned automatic).</summary>
    public async Task CollectOpenInvoicesAsync(string accountCode, CancellationToken cancellationToken)
    {
        var numbers = new List<long>();
        foreach (var state in (InvoiceState[])[InvoiceState.Pending, InvoiceState.PastDue])
        {
            await foreach (var invoice in mediator.AllAsync(page => new PageInvoices(page, AccountCode: accountCode, State: state), PageRequest.MaxLimit, cancellationToken))
            {
                if (invoice.AmountDue > 0 && invoice.Number is { } number)
                {
                    numbers.Add(number);
                }
            }
        }

        await CollectAsync(numbers, retryNow: true, cancellationToken);
    }

    private static Result<CollectionDto> Skipped(Domain.Collection collection, string reason) =>
        new CollectionDto(collection.InvoiceNumber, NotAttempted, reason, InvoiceStateOf(collection));

    private static string InvoiceStateOf(Domain.Collection collection) => Wire<InvoiceState>.Name(collection.State switch
    {
        CollectionState.Open or CollectionState.Collecting => InvoiceState.Pending,
        CollectionState.PastDue => InvoiceState.PastDue,
        CollectionState.Failed => InvoiceState.Failed,
        CollectionState.Voided => InvoiceState.Voided,
        _ => InvoiceState.Paid,
    });
}

/// <summary>The wire names of transaction outcomes.</summary>
internal static class TransactionOutcomeNames
{
    public static readonly string Pending = Of(TransactionOutcome.Pending);

    public static string Of(TransactionOutcome outcome) => Wire<TransactionOutcome>.Name(outcome);
}
