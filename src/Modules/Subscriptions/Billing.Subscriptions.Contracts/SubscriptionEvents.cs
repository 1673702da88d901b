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
