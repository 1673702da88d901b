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
    public string Id { get; set; } = string.Empty;

    public long InvoiceNumber { get; set; }

    public string AccountCode { get; set; } = string.Empty;

    public TransactionKind Kind { get; set; }

    public long Amount { get; set; }

    public string Currency { get; set; } = string.Empty;

    public TransactionOutcome Outcome { get; set; }

    /// <summary>The key the gateway deduplicates this attempt by; unique.</summary>
    public string IdempotencyKey { get; set; } = string.Empty;

    public string? GatewayReference { get; set; }

    public string? DeclineCode { get; set; }

    /// <summary>The merchant's reference of an external payment.</summary>
    public string? Reference { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
