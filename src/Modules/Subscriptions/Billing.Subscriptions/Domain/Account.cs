using Billing.Subscriptions.Contracts;

namespace Billing.Subscriptions.Domain;

/// <summary>A customer account (S2).</summary>
internal sealed class Account
{
    public string Code { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    /// <summary>ISO 3166 alpha-2.</summary>
    public string Country { get; set; } = string.Empty;

    /// <summary>Tax rate in percent (8.25 means 8.25 %); may be 0.</summary>
    public decimal TaxRate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>P2: <c>automatic</c> (charge the payment method when an invoice is issued) or <c>manual</c>.</summary>
    public string CollectionMethod { get; set; } = CollectionMethods.Automatic;
}
