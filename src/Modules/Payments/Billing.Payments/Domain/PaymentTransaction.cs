namespace Billing.Payments.Domain;

internal enum TransactionKind
{
    /// <summary>A charge of the account's payment method through the gateway.</summary>
    Charge,

    /// <summary>A payment the merchant recorded (S4's partner).</summary>
    External,

    /// <summary>P6: money sent back to the card through the gateway.</summary>
    Refund,
}

internal enum TransactionOutcome
{
    /// <summary>Sent to the gateway, answer not yet recorded (a crash here is resumed with the same idempotency key).</summary>
    Pending,

    Succeeded,

    Declined,

    /// <summary>The gateway could not process it (not the card's fault).</summary>
    Failed,
}

/// <summary>P2: one payment attempt: amount, outcome, the gateway's reference and decline code.</summary>
internal sealed class PaymentTransaction
{
    /// <summary>
    /// Order of creation, given by the database on insert: an invoice's attempts list in this order even when they
    /// were made at one instant (a charge and its refund under a frozen clock; issue 16).
    /// </summary>
    public long Sequence { get; init; }

    public string Id { get; init; } = string.Empty;

    public long InvoiceNumber { get; init; }

    public string AccountCode { get; init; } = string.Empty;

    public TransactionKind Kind { get; init; }

    public long Amount { get; init; }

    public string Currency { get; init; } = string.Empty;

    public TransactionOutcome Outcome { get; init; }

    /// <summary>The key the gateway deduplicates this attempt by; unique.</summary>
    public string IdempotencyKey { get; init; } = string.Empty;

    public string? GatewayReference { get; init; }

    public string? DeclineCode { get; init; }

    /// <summary>The merchant's reference of an external payment.</summary>
    public string? Reference { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>P2: the pending charge of a claimed attempt, keyed <c>inv_{number}_{attempt}</c> for the gateway.</summary>
    public static PaymentTransaction PendingCharge(Collection collection, string id, DateTimeOffset now) => new()
    {
        Id = id,
        InvoiceNumber = collection.InvoiceNumber,
        AccountCode = collection.AccountCode,
        Kind = TransactionKind.Charge,
        Amount = collection.AmountDue,
        Currency = collection.Currency,
        Outcome = TransactionOutcome.Pending,
        IdempotencyKey = collection.IdempotencyKey(collection.Attempts),
        CreatedAt = now,
    };

    /// <summary>This attempt with the gateway's answer (the same row: its key and every other field unchanged).</summary>
    public PaymentTransaction Answered(TransactionOutcome outcome, string? gatewayReference, string? declineCode) => new()
    {
        Sequence = Sequence,
        Id = Id,
        InvoiceNumber = InvoiceNumber,
        AccountCode = AccountCode,
        Kind = Kind,
        Amount = Amount,
        Currency = Currency,
        Outcome = outcome,
        IdempotencyKey = IdempotencyKey,
        GatewayReference = gatewayReference,
        DeclineCode = declineCode,
        Reference = Reference,
        CreatedAt = CreatedAt,
    };
}
