namespace Billing.Webhooks.Infrastructure;

/// <summary>Configuration of webhook delivery (<c>Billing:Webhooks</c>).</summary>
internal sealed class WebhookOptions
{
    /// <summary>Whether endpoint URLs may resolve to a loopback address (127.0.0.0/8, ::1). Off outside Development; tests turn it on.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Whether endpoint URLs may resolve to private, link-local or other non-public addresses. Off outside Development.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one post may take, connection included, before it counts as failed (real time).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many endpoints one delivery run posts to at the same time.</summary>
    public int MaxConcurrentEndpoints { get; set; } = 8;

    /// <summary>How many of an endpoint's pending deliveries one run looks at.</summary>
    public int BatchSize { get; set; } = 100;

    public TimeSpan FirstRetryDelay { get; set; } = Domain.RetrySchedule.Default.FirstDelay;

    public TimeSpan MaxRetryDelay { get; set; } = Domain.RetrySchedule.Default.MaxDelay;

    /// <summary>How long after its event a delivery is still retried (3 days); after that it is abandoned and shown failed.</summary>
    public TimeSpan RetryWindow { get; set; } = Domain.RetrySchedule.Default.Window;

    public Domain.RetrySchedule RetrySchedule => new(FirstRetryDelay, MaxRetryDelay, RetryWindow);
}
