using System.Collections.Concurrent;
using Billing.Payments.Domain;
using Billing.SharedKernel;

namespace Billing.Payments.Infrastructure.Gateway;

/// <summary>
/// P3: the built-in test gateway, in the spirit of Stripe's test mode: a card's number decides how its charges end
/// (the table below, also in the README); any other well-formed number behaves like 4242 4242 4242 4242. The token
/// names the behaviour, so it survives a restart; the "declines once" card remembers in memory which tokens it has
/// declined. It counts the money it moved, for tests: a repeated idempotency key answers the first answer and
/// charges nothing again.
/// </summary>
internal sealed class TestPaymentGateway : IPaymentGateway
{
    /// <summary>Test card numbers and what their charges do.</summary>
    public static readonly IReadOnlyDictionary<string, string> Cards = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["4242424242424242"] = Succeeds,
        ["4000000000000002"] = "card_declined",
        ["4000000000009995"] = "insufficient_funds",
        ["4000000000000069"] = "expired_card",
        ["4000000000000119"] = "processing_error",
        ["4000000000000341"] = DeclinesOnce,
        ["4000000000005126"] = RefundFailsOnce,
        ["4000000000007775"] = AnswerLostOnce,
    };

    private const string Succeeds = "succeeds";
    private const string DeclinesOnce = "declines_once";

    /// <summary>Charges succeed; the first refund of each charge fails (P6: a refused refund is sent again).</summary>
    private const string RefundFailsOnce = "refund_fails_once";

    /// <summary>
    /// The first call with each key charges and then throws, as a timeout would after the gateway charged (P2: the
    /// answer is lost, not the charge); the same key asked again answers that charge.
    /// </summary>
    private const string AnswerLostOnce = "answer_lost_once";

    private readonly ConcurrentDictionary<string, GatewayResult> answered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> declinedOnce = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> refundFailedOnce = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> answerLost = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, Money Amount)> refunded = new();
    private readonly ConcurrentQueue<(string Key, Money Amount)> charged = new();
    private readonly Lock chargeLock = new();

    /// <summary>Every successful charge, once per idempotency key.</summary>
    public IReadOnlyList<(string Key, Money Amount)> Charged => [.. charged];

    /// <summary>Every successful refund, once per idempotency key.</summary>
    public IReadOnlyList<(string Key, Money Amount)> Refunded => [.. refunded];

    public Task<GatewayToken> TokenizeAsync(CardDetails card, CancellationToken cancellationToken)
    {
        string digits = Card.Digits(card.Number);
        string behaviour = Cards.GetValueOrDefault(digits, Succeeds);
        return Task.FromResult(new GatewayToken($"tok_test_{behaviour}_{Ids.New("t", 12)[2..]}", Card.Brand(digits), digits[^4..]));
    }

    public Task<GatewayResult> ChargeAsync(string token, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        lock (chargeLock)
        {
            if (answered.TryGetValue(idempotencyKey, out var earlier))
            {
                return Task.FromResult(earlier);
            }

            var result = Charge(token, amount, idempotencyKey);
            answered[idempotencyKey] = result;
            if (token.StartsWith($"tok_test_{AnswerLostOnce}_", StringComparison.Ordinal) && answerLost.TryAdd(idempotencyKey, true))
            {
                throw new TimeoutException($"The test gateway charged {idempotencyKey} but its answer was lost.");
            }

            return Task.FromResult(result);
        }
    }

    public Task<GatewayResult> RefundAsync(string chargeReference, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        lock (chargeLock)
        {
            if (answered.TryGetValue(idempotencyKey, out var earlier))
            {
                return Task.FromResult(earlier);
            }

            var result = chargeReference.StartsWith($"ch_test_{RefundFailsOnce}_", StringComparison.Ordinal) && refundFailedOnce.TryAdd(chargeReference, true)
                ? new GatewayResult(GatewayOutcome.Failed, Ids.New("re_test"), "refund_failed")
                : new GatewayResult(GatewayOutcome.Succeeded, Ids.New("re_test"), null);
            if (result.Outcome == GatewayOutcome.Succeeded)
            {
                refunded.Enqueue((idempotencyKey, amount));
            }

            answered[idempotencyKey] = result;
            return Task.FromResult(result);
        }
    }

    private GatewayResult Charge(string token, Money amount, string idempotencyKey)
    {
        string behaviour = token.StartsWith("tok_test_", StringComparison.Ordinal) ? token["tok_test_".Length..token.LastIndexOf('_')] : "unknown_token";
        switch (behaviour)
        {
            case Succeeds:
            case AnswerLostOnce:
            case DeclinesOnce when !declinedOnce.TryAdd(token, true):
                charged.Enqueue((idempotencyKey, amount));
                return new GatewayResult(GatewayOutcome.Succeeded, Ids.New("ch_test"), null);
            case RefundFailsOnce:
                charged.Enqueue((idempotencyKey, amount));
                return new GatewayResult(GatewayOutcome.Succeeded, Ids.New($"ch_test_{RefundFailsOnce}"), null);
            case DeclinesOnce:
                return new GatewayResult(GatewayOutcome.Declined, Ids.New("ch_test"), "card_declined");
            case "processing_error":
            case "unknown_token":
                return new GatewayResult(GatewayOutcome.Failed, Ids.New("ch_test"), behaviour);
            default:
                return new GatewayResult(GatewayOutcome.Declined, Ids.New("ch_test"), behaviour);
        }
    }
}
