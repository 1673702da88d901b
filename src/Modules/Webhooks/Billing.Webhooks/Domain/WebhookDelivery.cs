namespace Billing.Webhooks.Domain;

internal enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

internal enum WebhookAttemptOutcome
{
    Succeeded,
    Failed,
}

/// <summary>One event owed to one endpoint, delivered at least once: pending until a 2xx answer, failed when the retry window ran out.</summary>
internal sealed class WebhookDelivery
{
    private WebhookDeliveryStatus status;
    private int attemptCount;
    private DateTimeOffset? nextAttemptAt;

    /// <summary>Order of creation, which is the order of the events: an endpoint receives one resource's events in this order.</summary>
    public long Sequence { get; init; }

    public string Id { get; init; } = string.Empty;

    public string EndpointId { get; init; } = string.Empty;

    public string EventId { get; init; } = string.Empty;

    public string EventType { get; init; } = string.Empty;

    public string ResourceKey { get; init; } = string.Empty;

    public WebhookDeliveryStatus Status { get => status; init => status = value; }

    public int AttemptCount { get => attemptCount; init => attemptCount = value; }

    /// <summary>When the next attempt is due; none once the delivery succeeded or failed.</summary>
    public DateTimeOffset? NextAttemptAt { get => nextAttemptAt; init => nextAttemptAt = value; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Counts an attempt: succeeded on a 2xx answer; otherwise due again by <paramref name="schedule"/>, or failed past its window.</summary>
    public void Record(bool succeeded, DateTimeOffset now, RetrySchedule schedule)
    {
        attemptCount++;
        if (succeeded)
        {
            status = WebhookDeliveryStatus.Succeeded;
            nextAttemptAt = null;
            return;
        }

        nextAttemptAt = schedule.NextAttempt(CreatedAt, AttemptCount, now);
        status = NextAttemptAt is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
    }

    /// <summary>A manual retry: due now, whatever the state; a failure past the window fails it again.</summary>
    public void Retry(DateTimeOffset now)
    {
        status = WebhookDeliveryStatus.Pending;
        nextAttemptAt = now;
    }
}

/// <summary>One HTTP post of a delivery, kept for the delivery log.</summary>
internal sealed class WebhookAttempt
{
    public long Id { get; init; }

    public string DeliveryId { get; init; } = string.Empty;

    public DateTimeOffset AttemptedAt { get; init; }

    public WebhookAttemptOutcome Outcome { get; init; }

    /// <summary>The receiver's HTTP status; none when it never answered (timeout, refused connection).</summary>
    public int? ResponseStatus { get; init; }

    public long LatencyMs { get; init; }

    public string? Error { get; init; }
}
