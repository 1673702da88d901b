using Billing.Subscriptions.Contracts;

namespace Billing.Subscriptions.Domain;

/// <summary>A customer account (S2).</summary>
internal sealed class Account
{
    private string email = string.Empty;
    private string country = string.Empty;
    private decimal taxRate;
    private CollectionMethod collectionMethod = CollectionMethod.Automatic;

    public string Code { get; init; } = string.Empty;

    public string Email { get => email; init => email = value; }

    /// <summary>ISO 3166 alpha-2.</summary>
    public string Country { get => country; init => country = value; }

    /// <summary>Tax rate in percent (8.25 means 8.25 %); may be 0.</summary>
    public decimal TaxRate { get => taxRate; init => taxRate = value; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>P2: automatic (charge the payment method when an invoice is issued) or manual.</summary>
    public CollectionMethod CollectionMethod { get => collectionMethod; init => collectionMethod = value; }

    /// <summary>S2 + P2: the account's email, country, tax rate and collection method become these.</summary>
    public void Update(string newEmail, string newCountry, decimal newTaxRate, CollectionMethod newCollectionMethod)
    {
        email = newEmail;
        country = newCountry;
        taxRate = newTaxRate;
        collectionMethod = newCollectionMethod;
    }

    /// <summary>P2: how the account's invoices are collected from now on.</summary>
    public void ChangeCollectionMethod(CollectionMethod newCollectionMethod) => collectionMethod = newCollectionMethod;
}
