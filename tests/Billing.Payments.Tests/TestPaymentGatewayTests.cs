using Billing.Payments.Infrastructure.Gateway;
using Billing.SharedKernel;
using Xunit;

namespace Billing.Payments.Tests;

/// <summary>P3: the test gateway answers by card number, as the README's table says, and never charges a key twice.</summary>
public sealed class TestPaymentGatewayTests
{
    private static readonly Money TenDollars = new(1000, Currency.Usd);

    private static async Task<GatewayResult> FirstChargeOf(TestPaymentGateway gateway, string number)
    {
        var token = await gateway.TokenizeAsync(new CardDetails(number, 12, 2040, "123"), CancellationToken.None);
        return await gateway.ChargeAsync(token.Token, TenDollars, Guid.NewGuid().ToString(), CancellationToken.None);
    }

    [Theory]
    [InlineData("4242424242424242", "succeeded", null)]
    [InlineData("4000000000000002", "declined", "card_declined")]
    [InlineData("4000000000009995", "declined", "insufficient_funds")]
    [InlineData("4000000000000069", "declined", "expired_card")]
    [InlineData("4000000000000119", "failed", "processing_error")]
    [InlineData("4000000000000341", "declined", "card_declined")]
    [InlineData("5555555555554444", "succeeded", null)]
    public async Task A_test_card_s_first_charge_ends_as_its_number_says_P3(string number, string outcome, string? declineCode)
    {
        var charge = await FirstChargeOf(new TestPaymentGateway(), number);

        Assert.Equal(outcome, charge.Outcome.ToString().ToLowerInvariant());
        Assert.Equal(declineCode, charge.DeclineCode);
    }

    [Fact]
    public async Task The_declines_once_card_succeeds_on_its_second_charge_P4()
    {
        var gateway = new TestPaymentGateway();
        var token = await gateway.TokenizeAsync(new CardDetails("4000000000000341", 12, 2040, "123"), CancellationToken.None);

        var first = await gateway.ChargeAsync(token.Token, TenDollars, "inv_1_1", CancellationToken.None);
        var second = await gateway.ChargeAsync(token.Token, TenDollars, "inv_1_2", CancellationToken.None);

        Assert.Equal(GatewayOutcome.Declined, first.Outcome);
        Assert.Equal(GatewayOutcome.Succeeded, second.Outcome);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_answers_the_first_answer_and_charges_nothing_again_P2()
    {
        var gateway = new TestPaymentGateway();
        var token = await gateway.TokenizeAsync(new CardDetails("4242424242424242", 12, 2040, "123"), CancellationToken.None);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gateway.ChargeAsync(token.Token, TenDollars, "inv_7_1", CancellationToken.None)));

        Assert.Single(answers.Select(a => a.Reference).Distinct());
        Assert.Single(gateway.Charged);
    }

    [Fact]
    public async Task A_token_keeps_only_the_brand_and_last_four_digits_and_its_card_s_text_shows_no_number_or_cvc_P3()
    {
        var card = new CardDetails("4242424242424242", 12, 2040, "987");

        var token = await new TestPaymentGateway().TokenizeAsync(card, CancellationToken.None);

        Assert.Equal(("visa", "4242"), (token.Brand, token.Last4));
        Assert.DoesNotContain("4242424242424242", token.Token, StringComparison.Ordinal);
        Assert.DoesNotContain("4242424242424242", card.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("987", card.ToString(), StringComparison.Ordinal);
    }
}
