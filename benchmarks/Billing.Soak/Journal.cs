using System.Collections.Concurrent;
using Billing.LoadTest;

namespace Billing.Soak;

/// <summary>What the soak knows of one account it named: whether it exists, and the writes answered on it.</summary>
internal sealed class AccountRecord(string code)
{
    private int subscriptions;
    private int subscriptionsUnknown;
    private int redemptions;
    private int redemptionsUnknown;
    private int oneTimeInvoices;
    private int oneTimeInvoicesUnknown;

    public string Code { get; } = code;

    /// <summary>Answered 201 (true), refused (false), or no answer (null).</summary>
    public bool? Created { get; set; }

    public bool PaymentMethodSet { get; set; }

    /// <summary>Subscriptions this account must have: from the 2xx answers to the 2xx answers plus the unknown ones.</summary>
    public (int Min, int Max) Subscriptions => (subscriptions, subscriptions + subscriptionsUnknown);

    public (int Min, int Max) Redemptions => (redemptions, redemptions + redemptionsUnknown);

    /// <summary>One-time invoices: one-time charges and changes now.</summary>
    public (int Min, int Max) OneTimeInvoices => (oneTimeInvoices, oneTimeInvoices + oneTimeInvoicesUnknown);

    public void Subscribed(bool answered, int coupons)
    {
        Interlocked.Increment(ref answered ? ref subscriptions : ref subscriptionsUnknown);
        Interlocked.Add(ref answered ? ref redemptions : ref redemptionsUnknown, coupons);
    }

    public void Redeemed(bool answered) => Interlocked.Increment(ref answered ? ref redemptions : ref redemptionsUnknown);

    public void Invoiced(bool answered) => Interlocked.Increment(ref answered ? ref oneTimeInvoices : ref oneTimeInvoicesUnknown);
}

/// <summary>A subscription answered 201, with the plan it is on as far as the soak knows.</summary>
internal sealed record SubscriptionRecord(string Id, AccountRecord Account)
{
    public string Plan { get; set; } = string.Empty;
}

/// <summary>
/// Every answer of the run, counted by request kind and outcome, and what the checks compare with the database: the
/// resources the 2xx writes created, the refusals that named a new resource, and the unknown outcomes of requests
/// cut off by a kill (counted as neither present nor absent).
/// </summary>
internal sealed class Journal
{
    private readonly ConcurrentDictionary<(string Kind, string Outcome), int> counts = new();
    private readonly ConcurrentQueue<string> replayMismatches = new();
    private readonly ConcurrentQueue<string> serverErrors = new();
    private int sent;
    private int inFlight;

    public int Sent => Volatile.Read(ref sent);

    /// <summary>Requests sent and not yet answered or failed.</summary>
    public int InFlightNow => Volatile.Read(ref inFlight);

    public ConcurrentDictionary<string, AccountRecord> Accounts { get; } = new();

    public ConcurrentQueue<SubscriptionRecord> Subscriptions { get; } = new();

    /// <summary>Invoice numbers answered by a 2xx write, with the account they were answered for.</summary>
    public ConcurrentQueue<(long Number, string Account)> Invoices { get; } = new();

    public ConcurrentQueue<(string Id, string Account)> Redemptions { get; } = new();

    public ConcurrentQueue<string> Cancellations { get; } = new();

    public ConcurrentQueue<string> Conversions { get; } = new();

    /// <summary>Lead externalIds whose conversion was answered 201 or 409 duplicate_external_id: each is stored exactly once.</summary>
    public ConcurrentDictionary<string, bool> AnsweredExternalIds { get; } = new();

    public IReadOnlyCollection<string> ReplayMismatches => replayMismatches;

    public IReadOnlyCollection<string> ServerErrors => serverErrors;

    /// <summary>Takes one request of the run's budget; false when it is spent.</summary>
    public bool TakeRequest(int budget) => Interlocked.Increment(ref sent) <= budget;

    public void InFlight(int change) => Interlocked.Add(ref inFlight, change);

    public void Count(string kind, Answer answer)
    {
        string outcome = answer.Status == Answer.NoAnswer ? "unknown (no answer)" : answer.IsSuccess ? $"{answer.Status}" : $"{answer.Status} {answer.Code}";
        counts.AddOrUpdate((kind, outcome), 1, (_, count) => count + 1);
        if (answer.Status >= 500)
        {
            serverErrors.Enqueue($"{kind}: {answer.Status} {System.Text.Encoding.UTF8.GetString(answer.Body)}");
        }
    }

    public void ReplayDiffered(string kind, Answer first, Answer replay) =>
        replayMismatches.Enqueue($"{kind}: first {first.Status} {first.Body.Length} bytes, replay {replay.Status} {replay.Body.Length} bytes");

    public IReadOnlyList<(string Kind, string Outcome, int Count)> Counts() =>
        counts.Select(c => (c.Key.Kind, c.Key.Outcome, c.Value)).OrderBy(c => c.Kind, StringComparer.Ordinal).ThenByDescending(c => c.Value).ToList();
}
