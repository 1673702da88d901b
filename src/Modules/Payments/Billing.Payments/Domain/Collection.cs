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
    public long InvoiceNumber { get; set; }

    public string AccountCode { get; set; } = string.Empty;

    public string? SubscriptionId { get; set; }

    public string Currency { get; set; } = string.Empty;

    public long AmountDue { get; set; }

    public CollectionState State { get; set; }

    /// <summary>Charge attempts made so far; the idempotency key of attempt n is <c>inv_{number}_{n}</c>.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? FirstFailedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string IdempotencyKey(int attempt) => $"inv_{InvoiceNumber}_{attempt}";
}
