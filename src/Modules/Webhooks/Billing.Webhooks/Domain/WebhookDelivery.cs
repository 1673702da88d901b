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
    /// <summary>Order of creation, which is the order of the events: an endpoint receives one resource's events in this order.</summary>
    public long Sequence { get; set; }

    public string Id { get; set; } = string.Empty;

    public string EndpointId { get; set; } = string.Empty;

    public string EventId { get; set; } = string.Empty;

    public string EventType { get; set; } = string.Empty;

    public string ResourceKey { get; set; } = string.Empty;

    public WebhookDeliveryStatus Status { get; set; }

    public int AttemptCount { get; set; }

    /// <summary>When the next attempt is due; none once the delivery succeeded or failed.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Counts an attempt: succeeded on a 2xx answer; otherwise due again by <paramref name="schedule"/>, or failed past its window.</summary>
    public void Record(bool succeeded, DateTimeOffset now, RetrySchedule schedule)
    {
        AttemptCount++;
        if (succeeded)
        {
            Status = WebhookDeliveryStatus.Succeeded;
            NextAttemptAt = null;
            return;
        }

        NextAttemptAt = schedule.NextAttempt(CreatedAt, AttemptCount, now);
        Status = NextAttemptAt is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
    }

    /// <summary>A manual retry: due now, whatever the state; a failure past the window fails it again.</summary>
    public void Retry(DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
    }
}

/// <summary>One HTTP post of a delivery, kept for the delivery log.</summary>
internal sealed class WebhookAttempt
{
    public long Id { get; set; }

    public string DeliveryId { get; set; } = string.Empty;

    public DateTimeOffset AttemptedAt { get; set; }

    public WebhookAttemptOutcome Outcome { get; set; }

    /// <summary>The receiver's HTTP status; none when it never answered (timeout, refused connection).</summary>
    public int? ResponseStatus { get; set; }

    public long LatencyMs { get; set; }

    public string? Error { get; set; }
}
