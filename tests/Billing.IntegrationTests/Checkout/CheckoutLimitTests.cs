using System.Net;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>The public checkout's own limits (issue 18): a rate limit per address and the code-guessing limit of issue 25.</summary>
public sealed class CheckoutLimitTests
{
    [Fact]
    public async Task The_checkout_answers_429_with_retry_after_beyond_its_requests_per_minute()
    {
        using var api = new BillingApiFactory { Settings = { ["Billing:Checkout:RequestsPerMinute"] = "3" } };
        await api.CheckoutPlan("limited", ("USD", 20.00m));
        var browser = api.Browser();

        var answers = new List<HttpResponseMessage>();
        for (int i = 0; i < 4; i++)
        {
            answers.Add(await browser.GetAsync("/checkout?offering_id=limited"));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await answers[3].ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.NotNull(answers[3].Headers.RetryAfter);
    }

    [Fact]
    public async Task Unknown_codes_count_against_the_anonymous_guessing_limit_and_known_ones_do_not_issue_25()
    {
        using var api = new BillingApiFactory { Settings = { ["Billing:Limits:AnonymousCouponGuessesPerMinute"] = "2" } };
        await api.CheckoutPlan("guessed", ("USD", 20.00m));
        await api.PercentCoupon("KNOWN10", 10);
        var browser = api.Browser();

        var known = new List<HttpStatusCode>();
        for (int i = 0; i < 3; i++)
        {
            known.Add((await browser.GetAsync("/checkout?offering_id=guessed&coupon_code=KNOWN10")).StatusCode);
        }

        var first = await browser.GetAsync("/checkout?offering_id=guessed&coupon_code=GUESS1");
        var second = await browser.GetAsync("/checkout?offering_id=guessed&coupon_code=GUESS2");
        var third = await browser.GetAsync("/checkout?offering_id=guessed&coupon_code=GUESS3");
        var noCode = await browser.GetAsync("/checkout?offering_id=guessed");

        Assert.All(known, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Contains("Too many unknown coupon codes", await third.Html(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, noCode.StatusCode);
    }

    [Fact]
    public async Task A_checkouts_new_account_is_created_only_for_an_email_no_account_has_ignoring_case_and_find_by_email_finds_the_oldest_S2()
    {
        using var api = new BillingApiFactory();
        await api.Business().PostJson("/api/accounts", new { code = "first-owner", email = "Owner@Example.test", country = "FR", tax_rate = 20m }).Created();
        await api.Business().PostJson("/api/accounts", new { code = "second-owner", email = "owner@example.test", country = "US" }).Created();
        await using var scope = api.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var taken = await mediator.Send(new CreateCheckoutAccount("OWNER@example.TEST", "US"));
        var byEmail = await mediator.Send(new FindAccountByEmail("owner@example.test"));
        var created = await mediator.Send(new CreateCheckoutAccount("new@example.test", "DE"));
        var again = await mediator.Send(new CreateCheckoutAccount("NEW@example.test", "US"));
        var unknown = await mediator.Send(new FindAccountByEmail("nobody@example.test"));
        var invalid = await mediator.Send(new CreateCheckoutAccount("not an email", "US"));

        Assert.Equal(CheckoutAccounts.ExistsCode, taken.Error?.Code);
        Assert.Equal(ErrorKind.Conflict, taken.Error?.Kind);
        Assert.Equal("first-owner", byEmail.Value.Code);
        Assert.StartsWith("acct_", created.Value.Code, StringComparison.Ordinal);
        Assert.Equal(("DE", 0m), (created.Value.Country, created.Value.TaxRate));
        Assert.Equal(CheckoutAccounts.ExistsCode, again.Error?.Code);
        Assert.Equal(1, api.Scalar("SELECT COUNT(*) FROM subscriptions_accounts WHERE lower(Email) = 'new@example.test'"));
        Assert.Equal("account_not_found", unknown.Error?.Code);
        Assert.Equal(ErrorKind.Validation, invalid.Error?.Kind);
    }
}
