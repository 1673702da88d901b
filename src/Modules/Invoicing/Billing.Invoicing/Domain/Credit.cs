namespace Billing.Invoicing.Domain;

/// <summary>P5: an account's credit in one currency, minor units; never negative (a CHECK constraint holds to it).</summary>
internal sealed class CreditBalance
{
    public string AccountCode { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public long Balance { get; set; }
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

    public long Id { get; set; }

    public string AccountCode { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    /// <summary>Positive when credit is added, negative when it is used.</summary>
    public long Amount { get; set; }

    public string Reason { get; set; } = string.Empty;

    public long InvoiceNumber { get; set; }

    public long BalanceAfter { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
