using Billing.Invoicing.Contracts;
using Billing.Subscriptions.Domain;

namespace Billing.Subscriptions.Application;

/// <summary>Asks Invoicing for the invoice of a subscription's current period.</summary>
internal static class InvoiceRequests
{
    public static GenerateInvoice ForCurrentPeriod(Plan plan, Account account, Subscription subscription, bool firstInvoice) =>
        new(
            subscription.AccountCode,
            subscription.Id,
            subscription.PlanCode,
            subscription.Currency,
            subscription.CurrentPeriodStart,
            subscription.CurrentPeriodEnd,
            account.TaxRate,
            subscription.State == SubscriptionState.InTrial,
            PeriodCharges.For(plan, subscription, firstInvoice, subscription.State == SubscriptionState.InTrial)
                .Select(c => new ChargeLine(c.Type, c.Code, c.Description, c.Quantity, c.UnitAmount))
                .ToList());

    /// <summary>S3 purchase_price: the period's plan and add-on lines after coupons (setup fees excluded).</summary>
    public static long PurchasePriceOf(InvoiceDto invoice, long minorPerMajor) =>
        invoice.Lines
            .Where(l => l.Type is LineTypes.Plan or LineTypes.AddOn)
            .Sum(l => (long)((l.Amount - l.Discount) * minorPerMajor));
}
