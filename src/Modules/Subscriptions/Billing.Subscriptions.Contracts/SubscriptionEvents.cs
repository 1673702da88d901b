using Billing.SharedKernel;

namespace Billing.Subscriptions.Contracts;

/// <summary>A subscription as its events carry it (S3): <c>State</c> one of in_trial, active, canceled, expired.</summary>
public sealed record SubscriptionSnapshot(
    string SubscriptionId,
    string AccountCode,
    string PlanCode,
    string Currency,
    int Quantity,
    string State,
    DateTimeOffset CurrentPeriodStart,
    DateTimeOffset CurrentPeriodEnd,
    DateTimeOffset? ExpiresAt);

/// <summary>S3: a subscription was created (its first invoice is issued in the same transaction).</summary>
public sealed record SubscriptionCreated(Guid EventId, DateTimeOffset OccurredAt, SubscriptionSnapshot Subscription) : IIntegrationEvent;

/// <summary>S9: a subscription was canceled, at period end (state canceled, <c>ExpiresAt</c> its period's end) or now (expired).</summary>
public sealed record SubscriptionCanceled(Guid EventId, DateTimeOffset OccurredAt, SubscriptionSnapshot Subscription) : IIntegrationEvent;

/// <summary>S9: a cancellation at period end was undone before the period ended.</summary>
public sealed record SubscriptionReactivated(Guid EventId, DateTimeOffset OccurredAt, SubscriptionSnapshot Subscription) : IIntegrationEvent;

/// <summary>
/// S6: a renewal invoice was issued for a new period (<c>Subscription</c> as the period starts; one event per period,
/// so a catch-up of missed periods publishes one each).
/// </summary>
public sealed record SubscriptionRenewed(Guid EventId, DateTimeOffset OccurredAt, SubscriptionSnapshot Subscription, long InvoiceNumber) : IIntegrationEvent;

/// <summary>
/// S9/P4: a subscription ended — <c>Reason</c> <c>canceled</c> when its cancellation at period end took effect,
/// <c>nonpayment</c> when dunning failed. A cancellation that ends it at once is <see cref="SubscriptionCanceled"/> alone.
/// </summary>
public sealed record SubscriptionExpired(Guid EventId, DateTimeOffset OccurredAt, SubscriptionSnapshot Subscription, string Reason) : IIntegrationEvent;

/// <summary>S8: the plan or quantity changed, now or at renewal when a scheduled change took effect.</summary>
public sealed record SubscriptionChanged(Guid EventId, DateTimeOffset OccurredAt, SubscriptionSnapshot Subscription, string PreviousPlanCode, int PreviousQuantity) : IIntegrationEvent;

/// <summary>The reasons of <see cref="SubscriptionExpired"/>.</summary>
public static class SubscriptionExpiry
{
    public const string Canceled = "canceled";

    public const string Nonpayment = "nonpayment";
}
