namespace Billing.Subscriptions.Domain;

/// <summary>A one-time package (e.g. 100 SMS), sold by one-time charges (S1, S7); prices per currency in minor units.</summary>
internal sealed class Package
{
    public string Code { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public Dictionary<string, long> Prices { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The package's price in <paramref name="currency"/> (minor units), or null when it is not sold in it.</summary>
    public long? PriceIn(string currency) => Prices.TryGetValue(currency, out long amount) ? amount : null;
}
