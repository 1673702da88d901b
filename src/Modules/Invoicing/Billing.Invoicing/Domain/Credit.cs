namespace Billing.Invoicing.Domain;

/// <summary>P5: an account's credit in one currency, minor units; never negative (a CHECK constraint holds to it).</summary>
internal sealed class CreditBalance
{
    public string AccountCode { get; init; } = string.Empty;

    public string Currency { get; init; } = string.Empty;

    public long Balance { get; init; }
}

/// <summary>P5: one change of an account's credit balance; the entries of an account and currency sum to its balance.</summary>
internal sealed class CreditLedgerEntry
{
    /// <summary>A negative invoice total became credit.</summary>
    public const string InvoiceCredit = "invoice_credit";

    /// <summary>Credit paid (part of) an invoice.</summary>
    public const string Applied = "applied";

    /// <summary>P6: a refund to credit (the entry names the credit note).</summary>
    public const string Refund = "refund";

    public long Id { get; init; }

    public string AccountCode { get; init; } = string.Empty;

    public string Currency { get; init; } = string.Empty;

    /// <summary>Positive when credit is added, negative when it is used.</summary>
    public long Amount { get; init; }

    public string Reason { get; init; } = string.Empty;

    public long InvoiceNumber { get; init; }

    public long BalanceAfter { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
