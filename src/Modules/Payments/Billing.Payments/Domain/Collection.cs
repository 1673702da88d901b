using System.Linq.Expressions;

namespace Billing.Payments.Domain;

internal enum CollectionState
{
    /// <summary>Issued and unpaid; collected when the account collects automatically.</summary>
    Open,

    /// <summary>An attempt holds the invoice: the guarded claim that makes a second, concurrent charge impossible.</summary>
    Collecting,

    Paid,

    /// <summary>P4: an attempt failed; <see cref="Collection.NextAttemptAt"/> says when dunning retries.</summary>
    PastDue,

    /// <summary>P4: dunning is exhausted.</summary>
    Failed,

    Voided,
}

/// <summary>
/// P2/P4: the collection of one issued invoice — how much is due, which attempt it is at, and when dunning retries it.
/// Every state change is a guarded UPDATE of this row, so one attempt at a time holds it and a paid invoice is never
/// charged again.
/// </summary>
internal sealed class Collection
{
    /// <summary>
    /// P2 + P4 + P6: an open or past-due collection awaits payment: only it may be charged, paid outside Billing or
    /// voided. The guarded UPDATEs that make those changes use this same condition.
    /// </summary>
    public static readonly Expression<Func<Collection, bool>> AwaitingPayment = c => c.State == CollectionState.Open || c.State == CollectionState.PastDue;

    private static readonly Func<Collection, bool> IsAwaiting = AwaitingPayment.Compile();

    private int attempts;

    public long InvoiceNumber { get; init; }

    public string AccountCode { get; init; } = string.Empty;

    public string? SubscriptionId { get; init; }

    public string Currency { get; init; } = string.Empty;

    public long AmountDue { get; init; }

    public CollectionState State { get; init; }

    /// <summary>Charge attempts made so far; the idempotency key of attempt n is <c>inv_{number}_{n}</c>.</summary>
    public int Attempts { get => attempts; init => attempts = value; }

    public DateTimeOffset? FirstFailedAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>See <see cref="AwaitingPayment"/>.</summary>
    public bool IsAwaitingPayment => IsAwaiting(this);

    public string IdempotencyKey(int attempt) => $"inv_{InvoiceNumber}_{attempt}";

    /// <summary>
    /// P2/P4: why this collection is not charged now, or null when it may be: only an invoice awaiting payment is
    /// charged, and a past-due one only once its next dunning attempt is due, unless a retry is asked for now (a new
    /// card, a manual retry).
    /// </summary>
    public string? NotChargeableNow(DateTimeOffset now, bool retryNow) =>
        !IsAwaitingPayment ? "not_collectable"
        : State == CollectionState.PastDue && !retryNow && NextAttemptAt > now ? "not_due"
        : null;

    /// <summary>P2: the guarded claim of <paramref name="attempt"/> won; this copy of the row is at that attempt.</summary>
    public void Claimed(int attempt) => attempts = attempt;

    /// <summary>
    /// P2/P4: what the outcome of the claimed attempt makes of this collection: paid when it succeeded; else past due
    /// until the schedule's next attempt, counted from the first failure, or failed when dunning is exhausted.
    /// </summary>
    public Settlement Settle(TransactionOutcome outcome, DunningSchedule schedule, DateTimeOffset now)
    {
        if (outcome == TransactionOutcome.Succeeded)
        {
            return new Settlement(CollectionState.Paid, FirstFailedAt, null);
        }

        var firstFailed = FirstFailedAt ?? now;
        var next = schedule.NextAttempt(firstFailed, Attempts);
        return new Settlement(next is null ? CollectionState.Failed : CollectionState.PastDue, firstFailed, next);
    }
}

/// <summary>A collection's state after an attempt's outcome (see <see cref="Collection.Settle"/>).</summary>
internal sealed record Settlement(CollectionState State, DateTimeOffset? FirstFailedAt, DateTimeOffset? NextAttemptAt);
