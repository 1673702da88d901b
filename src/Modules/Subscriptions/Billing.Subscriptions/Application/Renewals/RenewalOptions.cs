using System.ComponentModel.DataAnnotations;

namespace Billing.Subscriptions.Application.Renewals;

/// <summary>
/// The bill run's renewals (<c>Billing:Renewals</c>). A batch is one write transaction, and every other writer (a
/// redemption, a signup) waits for it, so the batch size trades the bill run's rate against the API's latency while it
/// runs (README, Performance: 1,000 renews about 25 % faster alone, but holds redemptions' p99 at several hundred ms).
/// </summary>
internal sealed class RenewalOptions
{
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 250;
}
