using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Domain;

namespace Billing.Subscriptions.Application.Renewals;

/// <summary>S6 + S8: the steps of renewing one period, whether one subscription or a batch is renewed.</summary>
internal static class RenewalSteps
{
    /// <summary>Starts the next period; a change scheduled for renewal becomes the terms (so the plan may change).</summary>
    public static void StartNextPeriod(Subscription subscription)
    {
        subscription.AdvancePeriod();
        subscription.ApplyPendingChange();
    }

    /// <summary>Prices the period that just started (S3 original_price) and asks for its invoice.</summary>
    public static GenerateInvoice InvoiceFor(Subscription subscription, Plan plan, Account account)
    {
        subscription.PriceAt(plan);
        return InvoiceRequests.ForCurrentPeriod(plan, account, subscription, firstInvoice: false);
    }

    /// <summary>S3 purchase_price: what the period's invoice charges for the plan and add-ons after coupons (see <see cref="Subscription.Invoiced"/>).</summary>
    public static void Invoiced(Subscription subscription, InvoiceDto invoice) =>
        subscription.Invoiced(InvoiceRequests.PurchasePriceOf(invoice, Currency.Of(subscription.Currency).MinorPerMajor));
}
