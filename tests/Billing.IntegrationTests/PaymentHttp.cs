using System.Globalization;
using System.Text.Json;
using Billing.Payments.Infrastructure.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.IntegrationTests;

/// <summary>The payments set-up the tests share: cards of the test gateway, a plan, an account, its first invoice.</summary>
internal static class PaymentHttp
{
    public const string Succeeds = "4242424242424242";
    public const string Declines = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string ExpiredCard = "4000000000000069";
    public const string ProcessingError = "4000000000000119";
    public const string DeclinesOnce = "4000000000000341";
    public const string RefundFailsOnce = "4000000000005126";
    public const string AnswerLostOnce = "4000000000007775";

    public static Task<HttpResponseMessage> PutCard(this BillingApiFactory api, string account, string number, string cvc = "123") =>
        api.Business().PutJson($"/api/accounts/{account}/payment-method", new { card_number = number, exp_month = 12, exp_year = 2040, cvc });

    /// <summary>Plan A (setup 50.00, plan 15.00: the first invoice is 65.00), an account, and optionally a card on it.</summary>
    public static async Task<(Scenario Scenario, string Account, string Plan)> ShopAsync(this BillingApiFactory api, string? card = null)
    {
        var scenario = new Scenario(api);
        string account = scenario.Code("acct");
        string plan = scenario.Code("plan");
        await scenario.PlanA(plan);
        await scenario.Account(account);
        if (card is not null)
        {
            await api.PutCard(account, card).Ok();
        }

        return (scenario, account, plan);
    }

    /// <summary>Subscribes the account to the plan and delivers the events (so the first invoice is collected); answers the subscription.</summary>
    public static async Task<JsonElement> SubscribeAsync(this BillingApiFactory api, string account, string plan, object? extra = null)
    {
        var subscription = await api.Business().PostJson("/api/subscriptions", extra ?? new { account_code = account, plan_code = plan, currency = "USD" }).Created();
        await api.DeliverEventsAsync();
        return subscription;
    }

    public static long InvoiceNumber(this JsonElement subscription) => subscription.GetProperty("invoice").GetProperty("number").GetInt64();

    public static Task<JsonElement> Invoice(this BillingApiFactory api, long number) => api.Business().GetJson($"/api/invoices/{number}");

    public static async Task<List<JsonElement>> Transactions(this BillingApiFactory api, long number) =>
        [.. (await api.Business().GetJson($"/api/invoices/{number}/transactions?limit=200")).GetProperty("data").EnumerateArray()];

    public static TestPaymentGateway Gateway(this BillingApiFactory api) => (TestPaymentGateway)api.Services.GetRequiredService<IPaymentGateway>();

    /// <summary>The gateway's successful charges of invoice <paramref name="number"/> (its keys are <c>inv_{number}_{attempt}</c>).</summary>
    public static int ChargesOf(this BillingApiFactory api, long number) =>
        api.Gateway().Charged.Count(c => c.Key.StartsWith($"inv_{number.ToString(CultureInfo.InvariantCulture)}_", StringComparison.Ordinal));

    public static async Task<DateTimeOffset> NowAsync(this BillingApiFactory api) =>
        (await api.Admin().GetJson("/api/test-clock")).GetProperty("now").GetDateTimeOffset();

    /// <summary>Moves the test clock <paramref name="by"/> forward from where it is.</summary>
    public static async Task AdvanceClockAsync(this BillingApiFactory api, TimeSpan by) =>
        await api.Admin().PostJson("/api/test-clock", new { now = (await api.NowAsync()).Add(by) }).Ok();

    /// <summary>Moves the test clock to <paramref name="now"/>, runs the bill run (renewals and dunning) and delivers its events.</summary>
    public static async Task BillRunAtAsync(this BillingApiFactory api, DateTimeOffset now)
    {
        await api.Admin().PostJson("/api/test-clock", new { now }).Ok();
        await api.Admin().PostAsync("/api/bill-runs", null).Ok();
        await api.DeliverEventsAsync();
    }
}
