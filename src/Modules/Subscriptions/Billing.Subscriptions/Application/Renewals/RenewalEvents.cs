using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;

namespace Billing.Subscriptions.Application.Renewals;

/// <summary>
/// Issue 16: what renewing one period publishes, whether one subscription or a batch is renewed — the scheduled change
/// that took effect as the period started (S8), then the renewal with its invoice (S6).
/// </summary>
internal static class RenewalEvents
{
    public static IEnumerable<IIntegrationEvent> Of(Subscription subscription, string previousPlanCode, int previousQuantity, InvoiceDto invoice, DateTimeOffset now)
    {
        var snapshot = subscription.ToSnapshot();
        if (subscription.PlanCode != previousPlanCode || subscription.Quantity != previousQuantity)
        {
            yield return new SubscriptionChanged(Guid.NewGuid(), now, snapshot, previousPlanCode, previousQuantity);
        }

        yield return new SubscriptionRenewed(Guid.NewGuid(), now, snapshot, invoice.Number ?? throw new InvalidOperationException("A renewal invoice is issued with its number."));
    }
}
