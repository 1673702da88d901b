using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Domain;
using MediatR;

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

    /// <summary>
    /// S3 purchase_price of a saved subscription: what its next period will cost after the coupons that will still
    /// apply then — the preview of its next invoice (I7), so a change, a pending change or a trial cannot make it
    /// disagree with what the renewal charges.
    /// </summary>
    public static async Task<Result<long>> NextPeriodPriceAsync(IMediator mediator, Subscription subscription, CancellationToken cancellationToken)
    {
        var preview = await mediator.Send(new PreviewInvoice(SubscriptionId: subscription.Id), cancellationToken);
        return preview.IsSuccess ? PurchasePriceOf(preview.Value, Currency.Of(subscription.Currency).MinorPerMajor) : preview.Error;
    }

    /// <summary>S3 purchase_price: the period's plan and add-on lines after coupons (setup fees excluded).</summary>
    public static long PurchasePriceOf(InvoiceDto invoice, long minorPerMajor) =>
        invoice.Lines
            .Where(l => Wire<LineType>.Parse(l.Type) is LineType.Plan or LineType.AddOn)
            .Sum(l => (long)((l.Amount - l.Discount) * minorPerMajor));
}
