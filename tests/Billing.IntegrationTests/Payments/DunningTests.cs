using Xunit;

namespace Billing.IntegrationTests;

/// <summary>P4 on the test clock: a past-due invoice is retried 1, 3, 5 and 7 days after its first failure, then fails.</summary>
public sealed class DunningTests(BillingApiFactory api) : IClassFixture<BillingApiFactory>
{
    [Fact]
    public async Task A_declined_card_is_retried_on_days_1_3_5_and_7_and_then_the_invoice_fails_and_its_subscription_expires_for_nonpayment_P4()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.Declines);
        var subscription = await api.SubscribeAsync(account, plan);
        long number = subscription.InvoiceNumber();
        var start = await api.NowAsync();
        Assert.Equal("past_due", (await api.Invoice(number)).GetProperty("state").GetString());

        var attemptsByDay = new List<int>();
        for (int day = 1; day <= 8; day++)
        {
            await api.BillRunAtAsync(start.AddDays(day).AddMinutes(1));
            attemptsByDay.Add((await api.Transactions(number)).Count);
            string expected = day < 7 ? "past_due" : "failed";
            Assert.Equal(expected, (await api.Invoice(number)).GetProperty("state").GetString());
        }

        Assert.Equal([2, 2, 3, 3, 4, 4, 5, 5], attemptsByDay);
        Assert.All(await api.Transactions(number), t => Assert.Equal("card_declined", t.GetProperty("decline_code").GetString()));
        var expired = await api.Business().GetJson($"/api/subscriptions/{subscription.GetProperty("id").GetString()}");
        Assert.Equal("expired", expired.GetProperty("state").GetString());
        Assert.Equal("nonpayment", expired.GetProperty("expire_reason").GetString());
        Assert.Equal(0, api.ChargesOf(number));
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM invoicing_outbox WHERE Type LIKE '%InvoicePastDue%' AND Payload LIKE '%\"invoiceNumber\":{number},%'"));
        Assert.Equal(1, api.Scalar($"SELECT COUNT(*) FROM invoicing_outbox WHERE Type LIKE '%InvoiceFailed%' AND Payload LIKE '%\"invoiceNumber\":{number},%'"));
    }

    [Fact]
    public async Task A_card_that_declines_once_is_paid_by_the_first_retry_a_day_later_P4()
    {
        var (_, account, plan) = await api.ShopAsync(PaymentHttp.DeclinesOnce);
        long number = (await api.SubscribeAsync(account, plan)).InvoiceNumber();
        var start = await api.NowAsync();

        await api.BillRunAtAsync(start.AddHours(12));
        Assert.Equal("past_due", (await api.Invoice(number)).GetProperty("state").GetString());
        await api.BillRunAtAsync(start.AddDays(1).AddMinutes(1));

        Assert.Equal("paid", (await api.Invoice(number)).GetProperty("state").GetString());
        Assert.Equal(["declined", "succeeded"], (await api.Transactions(number)).Select(t => t.GetProperty("outcome").GetString()));
        Assert.Equal(1, api.ChargesOf(number));
    }
}
