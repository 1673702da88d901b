using Billing.Invoicing.Contracts;

namespace Billing.Subscriptions.Application.OneTimeCharges;

/// <summary>S7, I2: the invoice line of a one-time charge, the same for the charge and for its preview (I7).</summary>
internal static class OneTimeLines
{
    public static ChargeLine Of(string? offeringCode, string description, long amountMinor) =>
        new(LineType.OneTime, offeringCode ?? "charge", description, 1, amountMinor);
}
