using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>
/// P3: card numbers and CVCs never reach a log (every category at Trace, captured), the database (the bytes of the
/// SQLite file and its WAL), an integration event or an error message — whatever the card does.
/// </summary>
public sealed partial class CardDataTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    private const string Cvc = "9731";
    private static readonly string[] Numbers = [PaymentHttp.Declines, PaymentHttp.Succeeds, "4000000000000003", PaymentHttp.ProcessingError];

    [Fact]
    public async Task Card_numbers_and_cvcs_never_reach_a_log_the_database_an_event_or_an_error_message_P3()
    {
        var logs = new CapturingLoggerProvider();
        using var host = api.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        });
        var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BillingApiFactory.AdminToken);
        var answers = new List<string>();
        async Task<HttpResponseMessage> Send(HttpResponseMessage response)
        {
            answers.Add(await response.Content.ReadAsStringAsync());
            return response;
        }

        string suffix = Guid.NewGuid().ToString("N")[..8];
        await Send(await admin.PostJson("/api/plans", new
        {
            code = $"plan-{suffix}",
            name = "Plan A",
            interval = new { length = 1, unit = "month" },
            currencies = new[] { new { currency = "USD", unit_amount = 15.00m, setup_fee = 50.00m } },
        }));
        await Send(await admin.PostJson("/api/accounts", new { code = $"acct-{suffix}", email = "billing@example.test", country = "US" }));
        string card = $"/api/accounts/acct-{suffix}/payment-method";

        Assert.Equal(HttpStatusCode.OK, (await Send(await admin.PutJson(card, new { card_number = PaymentHttp.Declines, exp_month = 12, exp_year = 2040, cvc = Cvc }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Send(await admin.PostJson("/api/subscriptions", new { account_code = $"acct-{suffix}", plan_code = $"plan-{suffix}", currency = "USD" }))).StatusCode);
        await host.Services.GetRequiredService<Billing.BuildingBlocks.Outbox.OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(await admin.PutJson(card, new { card_number = "4000000000000003", exp_month = 12, exp_year = 2040, cvc = Cvc }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(await admin.PutJson(card, new { card_number = PaymentHttp.Succeeds, exp_month = 13, exp_year = 2040, cvc = "97310" }))).StatusCode);
        foreach (string json in new[]
        {
            $$"""{"card_number":{{PaymentHttp.Succeeds}},"exp_month":12,"exp_year":2040,"cvc":"{{Cvc}}"}""",
            $$"""{"card_number":"{{PaymentHttp.Succeeds}}","exp_month":"{{PaymentHttp.Declines}}","exp_year":2040,"cvc":{{Cvc}}}""",
            $$"""{"card_number":"{{PaymentHttp.Succeeds}}","exp_month":12,"exp_year":2040,"cvc":"{{Cvc}}","card":"{{PaymentHttp.Declines}}"}""",
        })
        {
            var malformed = await Send(await admin.PutAsync(card, new StringContent(json, Encoding.UTF8, "application/json")));
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        Assert.Equal((HttpStatusCode)422, (await Send(await admin.PutJson(card, new { card_number = PaymentHttp.ProcessingError, exp_month = 1, exp_year = 2001, cvc = Cvc }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(await admin.PutJson(card, new { card_number = PaymentHttp.Succeeds, exp_month = 12, exp_year = 2040, cvc = Cvc }))).StatusCode);
        await host.Services.GetRequiredService<Billing.BuildingBlocks.Outbox.OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);

        Assert.NotEmpty(logs.Messages);
        Assert.Contains(logs.Messages, m => m.Contains("declined", StringComparison.Ordinal));
        AssertNoCardData("a log entry", logs.Messages);
        AssertNoCardData("an answer", answers);
        AssertNoCardData("an integration event", api.Rows("SELECT Payload FROM coupons_outbox UNION ALL SELECT Payload FROM subscriptions_outbox UNION ALL SELECT Payload FROM invoicing_outbox UNION ALL SELECT Payload FROM tracking_outbox UNION ALL SELECT Payload FROM payments_outbox"));
        AssertNoCardData("a payments row", api.Rows("SELECT Token || ' ' || Brand || ' ' || Last4 FROM payments_payment_methods UNION ALL SELECT COALESCE(GatewayReference, '') || ' ' || COALESCE(DeclineCode, '') || ' ' || IdempotencyKey FROM payments_transactions"));
        foreach (string stored in api.StoredText())
        {
            Assert.All(Numbers, number => Assert.DoesNotContain(number, stored, StringComparison.Ordinal));
        }
    }

    private static void AssertNoCardData(string where, IEnumerable<string> texts)
    {
        foreach (string text in texts)
        {
            Assert.All(Numbers, number => Assert.False(text.Contains(number, StringComparison.Ordinal), $"{where} holds a card number: {text}"));
            Assert.False(CvcToken().IsMatch(text), $"{where} holds the CVC: {text}");
        }
    }

    [GeneratedRegex(@"\b9731\b")]
    private static partial Regex CvcToken();

    internal sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Messages);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                messages.Enqueue($"{category} scope {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue($"{category} {logLevel} {formatter(state, exception)} {exception}");
        }
    }
}
