using Billing.SharedKernel;

namespace Billing.Payments.Infrastructure.Gateway;

/// <summary>A card as typed in; its text never shows the number or the CVC.</summary>
internal sealed record CardDetails(string Number, int ExpMonth, int ExpYear, string Cvc)
{
    public override string ToString() => $"{nameof(CardDetails)} {{ Last4 = {Number[^4..]} }}";
}

/// <summary>A card the gateway keeps for Billing: its token, and what may be shown of it (P3).</summary>
internal sealed record GatewayToken(string Token, string Brand, string Last4);

internal enum GatewayOutcome
{
    Succeeded,
    Declined,
    Failed,
}

/// <summary>The gateway's answer to a charge or a refund: its reference, and why it was declined or failed.</summary>
internal sealed record GatewayResult(GatewayOutcome Outcome, string? Reference, string? DeclineCode);

/// <summary>
/// P3: the seam to a payment gateway. Billing sends a card once, to be tokenized, and charges and refunds the token
/// afterwards. Every charge and refund carries an idempotency key: the gateway answers a repeated key with the first
/// answer and moves no money twice. A real gateway is an implementation of this interface inside the Payments
/// module, registered instead of <see cref="TestPaymentGateway"/>.
/// </summary>
internal interface IPaymentGateway
{
    Task<GatewayToken> TokenizeAsync(CardDetails card, CancellationToken cancellationToken);

    Task<GatewayResult> ChargeAsync(string token, Money amount, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayResult> RefundAsync(string chargeReference, Money amount, string idempotencyKey, CancellationToken cancellationToken);
}
