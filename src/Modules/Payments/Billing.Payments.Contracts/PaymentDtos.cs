namespace Billing.Payments.Contracts;

/// <summary>P3: what Billing keeps of a card: the gateway's token stays inside; brand, last four digits and expiry are shown.</summary>
public sealed record PaymentMethodDto(string AccountCode, string Brand, string Last4, int ExpMonth, int ExpYear, DateTimeOffset CreatedAt);

/// <summary>
/// What one collection did: <c>Outcome</c> is <c>succeeded</c>, <c>declined</c> or <c>failed</c> for an attempt it made,
/// <c>pending</c> with the reason <c>gateway_no_answer</c> for an attempt whose gateway call threw (resumed later with
/// its idempotency key, so never charged twice), or <c>not_attempted</c> with the reason (<c>manual_collection</c>,
/// <c>not_due</c>, <c>not_collectable</c>).
/// </summary>
public sealed record CollectionDto(long InvoiceNumber, string Outcome, string? Reason, string InvoiceState);

/// <summary>What one dunning pass did (P4).</summary>
public sealed record DunningCounts(int Attempted, int Paid, int Failed, int RefundsRetried, int RefundsSucceeded);

/// <summary>P2: one payment attempt: a charge through the gateway or a recorded external payment.</summary>
public sealed record PaymentTransactionDto(
    string Id,
    long InvoiceNumber,
    string Kind,
    decimal Amount,
    string Currency,
    string Outcome,
    string? GatewayReference,
    string? DeclineCode,
    string? Reference,
    DateTimeOffset CreatedAt);

/// <summary>
/// What a checkout bought (K3, K4): the subscription (null for a one-time package, S7), its account, and its first
/// invoice's number and state (<c>paid</c>).
/// </summary>
public sealed record PurchaseDto(string? SubscriptionId, string AccountCode, long? InvoiceNumber, string InvoiceState, bool Charged);
