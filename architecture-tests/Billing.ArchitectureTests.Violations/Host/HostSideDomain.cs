namespace Billing.Host.Fixture.Domain;

/// <summary>Planted: domain logic declared in the host.</summary>
internal static class HostSidePriceRule
{
    public static decimal Apply(decimal amount, decimal rate) => amount * rate;
}
