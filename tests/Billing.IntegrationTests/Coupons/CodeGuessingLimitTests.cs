using System.Net;
using System.Security.Claims;
using Billing.Host.Auth;
using Billing.Host.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// Issue 25 (items 3–5) and issue 14 (item 11): the code-guessing limit holds under a burst, counts per authenticated
/// principal however its header is spelled, never locks one caller out by another's misses, and ignores requests
/// that name no coupon code.
/// </summary>
public sealed class CodeGuessingLimitTests
{
    private const string SecondBusinessToken = "test-second-business-token";

    private static BillingApiFactory Limited(int limit)
    {
        var api = new BillingApiFactory();
        api.Settings["Billing:Limits:CouponGuessesPerMinute"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        api.Settings["Auth:BusinessTokens:1"] = SecondBusinessToken;
        return api;
    }

    private const string AddressHeader = "X-Test-Remote-Address";

    private static HttpClient ClientWithHeader(BillingApiFactory api, string authorization)
    {
        var client = api.CreateClient();
        Assert.True(client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization));
        return client;
    }

    /// <summary>The host with each request's remote address taken from <see cref="AddressHeader"/>: callers behind many addresses.</summary>
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithAddresses(BillingApiFactory api) =>
        api.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>()));

    private static Task<HttpResponseMessage> Guess(HttpClient client, string account, string code) =>
        client.PostJson($"/api/accounts/{account}/redemptions", new { coupon_code = code, currency = "USD" });

    [Fact]
    public async Task Three_hundred_concurrent_signups_naming_unknown_codes_get_at_most_the_limit_of_404s_and_429_for_the_rest()
    {
        using var api = Limited(20);
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        var client = api.Business();

        var responses = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            client.PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = new[] { $"BURST{i}" } })));

        int notFound = responses.Count(r => r.StatusCode == HttpStatusCode.NotFound);
        int tooMany = responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        var answered = await Task.WhenAll(responses.Where(r => r.StatusCode != HttpStatusCode.TooManyRequests).Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"));
        string whatWasAnswered = string.Join(Environment.NewLine, answered.GroupBy(a => a).Select(g => $"{g.Count()} × {g.Key}"));
        Assert.True(notFound == 20 && tooMany == 280, $"{notFound} answered 404 and {tooMany} 429; every answer but the 429s:{Environment.NewLine}{whatWasAnswered}");
        Assert.Equal(0, api.Scalar($"SELECT COUNT(*) FROM subscriptions_subscriptions WHERE AccountCode = '{account}'"));
    }

    [Fact]
    public async Task One_business_token_s_misses_never_lock_out_the_admin_or_another_business_token()
    {
        using var api = Limited(3);
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        for (int i = 0; i < 3; i++)
        {
            await (await Guess(api.Business(), account, $"MISS{i}")).ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        }

        var blocked = await Guess(api.Business(), account, "MISS3");
        var admin = await Guess(api.Admin(), account, "ADMIN0");
        var other = await Guess(ClientWithHeader(api, $"Bearer {SecondBusinessToken}"), account, "OTHER0");

        await blocked.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_coupon_guesses");
        await admin.ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        await other.ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
    }

    [Theory]
    [InlineData("bearer {0}")]
    [InlineData("BEARER {0}")]
    public async Task Spelling_the_authorization_header_another_way_from_another_address_does_not_start_a_fresh_count(string spelling)
    {
        using var api = Limited(3);
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        using var host = WithAddresses(api);
        for (int i = 0; i < 3; i++)
        {
            await Guess(From(host, $"Bearer {BillingApiFactory.BusinessToken}", "198.51.100.1"), account, $"MISS{i}");
        }

        var respelled = await Guess(From(host, string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, BillingApiFactory.BusinessToken), "198.51.100.2"), account, "MISS3");

        await respelled.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_coupon_guesses");
    }

    [Fact]
    public async Task Signups_and_changes_that_name_no_coupon_code_are_never_limited_once_the_limit_is_reached()
    {
        using var api = Limited(2);
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        for (int i = 0; i < 2; i++)
        {
            await Guess(api.Business(), account, $"MISS{i}");
        }

        var signup = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD" });
        var emptyCodes = await api.Business().PostJson("/api/subscriptions", new { account_code = account, plan_code = plan, currency = "USD", coupon_codes = Array.Empty<string>() });
        string id = (await signup.Body()).GetProperty("id").GetString()!;
        var change = await api.Business().PutJson($"/api/subscriptions/{id}", new { quantity = 2, timeframe = "renewal" });
        var preview = await api.Business().PostJson("/api/invoices/preview", new { plan_code = plan, currency = "USD" });

        Assert.Equal(HttpStatusCode.Created, signup.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, emptyCodes.StatusCode);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
    }

    [Fact]
    public async Task Requests_that_name_no_coupon_code_do_not_count_against_the_limit()
    {
        using var api = Limited(1);
        var scenario = new Scenario(api);
        string account = (await scenario.Account()).GetProperty("code").GetString()!;
        string plan = (await scenario.PlanA()).GetProperty("code").GetString()!;
        for (int i = 0; i < 5; i++)
        {
            await api.Business().PostJson("/api/invoices/preview", new { plan_code = plan, currency = "USD", account_code = "nobody-" + i });
        }

        var firstGuess = await Guess(api.Business(), account, "MISS0");

        await firstGuess.ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
    }

    [Fact]
    public void Only_an_unauthenticated_caller_is_counted_by_its_address_and_with_the_higher_anonymous_limit()
    {
        var limiter = new CodeGuessingLimiter(Options.Create(new GuessLimitOptions { CouponGuessesPerMinute = 5, AnonymousCouponGuessesPerMinute = 50 }), TimeProvider.System);
        var address = IPAddress.Parse("203.0.113.7");
        var anonymous = new DefaultHttpContext { Connection = { RemoteIpAddress = address } };
        var first = new DefaultHttpContext { Connection = { RemoteIpAddress = address }, User = Caller(Principals.TokenId(Roles.Business, 0)) };
        var second = new DefaultHttpContext { Connection = { RemoteIpAddress = address }, User = Caller(Principals.TokenId(Roles.Business, 1)) };

        Assert.Equal(("address:203.0.113.7", 50), limiter.PartitionOf(anonymous));
        Assert.Equal(("principal:business-token-1", 5), limiter.PartitionOf(first));
        Assert.Equal(("principal:business-token-2", 5), limiter.PartitionOf(second));
    }

    [Fact]
    public void A_slot_given_back_after_a_hit_can_be_taken_again_and_a_window_never_passes_its_limit()
    {
        var limiter = new CodeGuessingLimiter(Options.Create(new GuessLimitOptions()), TimeProvider.System);

        Assert.True(limiter.TryReserve("p", 2, out var hit, out _));
        hit.Release();
        Assert.True(limiter.TryReserve("p", 2, out _, out _));
        Assert.True(limiter.TryReserve("p", 2, out _, out _));
        bool third = limiter.TryReserve("p", 2, out _, out var retryAfter);

        Assert.False(third);
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), CodeGuessingLimiter.Window);
    }

    private static HttpClient From(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host, string authorization, string address)
    {
        var client = host.CreateClient();
        Assert.True(client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization));
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    private static ClaimsPrincipal Caller(string id) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Role, Roles.Business)], Roles.Scheme));

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return following(context);
            });
            next(app);
        };
    }

    /// <summary>
    /// The limit holds on the Recurly surface too: its answers translate Billing's errors into Recurly's envelope, and the
    /// limiter still tells a missed code by the error translated; once the slots are gone the refusal is Recurly's own
    /// <c>rate_limited</c> (which the official clients map to their rate-limit error), with <c>Retry-After</c>. Each
    /// configured key is its own caller: another admin key still has its slots (issue 25).
    /// </summary>
    [Fact]
    public async Task Unknown_coupons_redeemed_through_the_Recurly_surface_count_and_the_refusal_is_Recurlys_rate_limited()
    {
        const string recurlyKey = "recurly-guessing-admin-key";
        using var api = Limited(3);
        api.Settings["Recurly:ApiKeys:Admin:0"] = recurlyKey;
        api.Settings["Recurly:ApiKeys:Admin:1"] = OtherRecurlyKey;
        await api.Admin().PostJson("/api/accounts", new { code = "recurly-guesser", email = "ops@example.test", country = "US" }).Created();
        var recurly = Recurly(api, recurlyKey);

        for (int guess = 0; guess < 3; guess++)
        {
            var missed = await recurly.PostJson("/recurly/accounts/code-recurly-guesser/coupon_redemptions/active", new { coupon_id = $"code-nope{guess}" });
            Assert.True(missed.StatusCode == HttpStatusCode.NotFound, await missed.Content.ReadAsStringAsync());
            Assert.Equal("not_found", (await missed.Body()).GetProperty("error").GetProperty("type").GetString());
        }

        var refused = await recurly.PostJson("/recurly/accounts/code-recurly-guesser/coupon_redemptions/active", new { coupon_id = "code-nope3" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var error = (await refused.Body()).GetProperty("error");
        Assert.Equal("rate_limited", error.GetProperty("type").GetString());
        Assert.Contains("too_many_coupon_guesses", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await (await api.Business().PostJson("/api/accounts/recurly-guesser/redemptions", new { coupon_code = "NOPE", currency = "USD" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "coupon_not_found");
        var otherKey = Recurly(api, OtherRecurlyKey);
        var otherMiss = await otherKey.PostJson("/recurly/accounts/code-recurly-guesser/coupon_redemptions/active", new { coupon_id = "code-nope4" });
        Assert.True(otherMiss.StatusCode == HttpStatusCode.NotFound, "another Recurly key of the same role is another caller, with its own slots: " + await otherMiss.Content.ReadAsStringAsync());
    }

    private const string OtherRecurlyKey = "recurly-guessing-admin-key-2";

    private static HttpClient Recurly(BillingApiFactory api, string key)
    {
        var recurly = api.CreateClient();
        recurly.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(key + ":")));
        recurly.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.recurly.v2021-02-25+json");
        return recurly;
    }
}
