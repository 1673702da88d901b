using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Billing.LoadTest;

namespace Billing.Soak;

/// <summary>The coupons, plans and bulk codes the soak seeds, named by the workload.</summary>
internal sealed record Catalog(string BulkCouponId, ConcurrentQueue<string> BulkCodes)
{
    public const string Capped = "SOAK-CAP";
    public const string Uncapped = "SOAK-TEN";
    public const string Temporal = "SOAK-TWO-MONTHS";
    public const string RedeemBy = "SOAK-EARLY-BIRD";
    public const int Cap = 200;
    public static readonly string[] Plans = ["soak-basic", "soak-pro"];
}

/// <summary>
/// One client of the mixed workload: a closed loop choosing a write at random — a signup (account, card,
/// subscription with coupons), a redemption, a change now, a cancel, a one-time charge, a conversion — sending it
/// with an <c>Idempotency-Key</c> most of the time, and recording its answer in the <see cref="Journal"/>. Some keyed
/// writes are sent again at once: the replay must be the same status and body. A keyed write cut off by a kill is sent
/// again with its key once the host is back, and its answer stands for the write.
/// </summary>
internal sealed class Workload(HostSupervisor supervisor, Journal journal, Catalog catalog, int requestBudget)
{
    private const double ReplayShare = 0.1;
    private const double UnkeyedShare = 0.2;
    private static readonly string[] Cards = ["4242 4242 4242 4242", "4242 4242 4242 4242", "4242 4242 4242 4242", "4242 4242 4242 4242", "4000 0000 0000 0341", "4000 0000 0000 0002"];
    private readonly ConcurrentQueue<string> cids = new();
    private readonly ConcurrentQueue<string> externalIds = new();
    private int accounts;
    private int leads;

    /// <summary>
    /// Sends until <paramref name="stopSending"/> fires or the run's requests are spent. A request in flight then is
    /// answered and recorded (cancelling it would leave an outcome nobody recorded); only
    /// <paramref name="cancellationToken"/> (Ctrl+C) abandons it.
    /// </summary>
    public async Task RunClientAsync(int seed, CancellationToken stopSending, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        while (!stopSending.IsCancellationRequested && journal.Sent < requestBudget)
        {
            try
            {
                await (random.Next(100) switch
                {
                    < 30 => SignUpAsync(random, cancellationToken),
                    < 45 => RedeemAsync(random, cancellationToken),
                    < 57 => ChangeNowAsync(random, cancellationToken),
                    < 63 => CancelAsync(random, cancellationToken),
                    < 78 => ChargeAsync(random, cancellationToken),
                    _ => ConvertAsync(random, cancellationToken),
                });
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (BudgetSpentException)
            {
                return;
            }
        }
    }

    private async Task SignUpAsync(Random random, CancellationToken cancellationToken)
    {
        string code = $"soak-{Interlocked.Increment(ref accounts)}";
        var account = journal.Accounts.GetOrAdd(code, c => new AccountRecord(c));
        bool refused = random.NextDouble() < 0.05;
        var created = await WriteAsync("POST /accounts", HttpMethod.Post, "/api/accounts", new { code, email = $"{code}@soak.test", country = refused ? "ZZ" : "US" }, random, cancellationToken);
        account.Created = created.Status == Answer.NoAnswer ? null : created.IsSuccess;
        if (account.Created != true)
        {
            return;
        }

        if (random.Next(10) > 0)
        {
            var card = await WriteAsync("PUT /accounts/{code}/payment-method", HttpMethod.Put, $"/api/accounts/{code}/payment-method", new { card_number = Cards[random.Next(Cards.Length)], exp_month = 12, exp_year = 2099, cvc = "123" }, random, cancellationToken);
            account.PaymentMethodSet |= card.IsSuccess;
        }

        bool unknownPlan = random.NextDouble() < 0.05;
        string plan = unknownPlan ? "soak-unknown" : Catalog.Plans[random.Next(Catalog.Plans.Length)];
        var coupons = unknownPlan ? [] : Coupons(random);
        var subscribed = await WriteAsync("POST /subscriptions", HttpMethod.Post, "/api/subscriptions", new { account_code = code, plan_code = plan, currency = "USD", coupon_codes = coupons }, random, cancellationToken);
        if (subscribed.Status == Answer.NoAnswer)
        {
            account.Subscribed(answered: false, coupons.Count);
        }
        else if (subscribed.IsSuccess)
        {
            account.Subscribed(answered: true, coupons.Count);
            using var document = JsonDocument.Parse(subscribed.Body);
            journal.Subscriptions.Enqueue(new SubscriptionRecord(document.RootElement.GetProperty("id").GetString()!, account) { Plan = plan });
            RecordInvoice(document.RootElement, code);
        }
    }

    private List<string> Coupons(Random random) => random.Next(8) switch
    {
        0 or 1 => [],
        2 => [Catalog.Uncapped],
        3 => [Catalog.Capped],
        4 => [Catalog.Temporal],
        5 => [Catalog.RedeemBy],
        6 => catalog.BulkCodes.TryDequeue(out string? unique) ? [unique] : [],
        _ => [Catalog.Capped, Catalog.Uncapped],
    };

    private async Task RedeemAsync(Random random, CancellationToken cancellationToken)
    {
        if (PresentAccount(random) is not { } account)
        {
            return;
        }

        string? coupon = random.Next(4) switch
        {
            0 or 1 => Catalog.Capped,
            2 => catalog.BulkCodes.TryDequeue(out string? unique) ? unique : null,
            _ => Catalog.Uncapped,
        };
        if (coupon is null)
        {
            return;
        }

        var redeemed = await WriteAsync("POST /accounts/{code}/redemptions", HttpMethod.Post, $"/api/accounts/{account.Code}/redemptions", new { coupon_code = coupon, currency = "USD" }, random, cancellationToken);
        if (redeemed.Status == Answer.NoAnswer)
        {
            account.Redeemed(answered: false);
        }
        else if (redeemed.IsSuccess)
        {
            account.Redeemed(answered: true);
            journal.Redemptions.Enqueue((redeemed.Property("id")!, account.Code));
        }
    }

    private async Task ChangeNowAsync(Random random, CancellationToken cancellationToken)
    {
        if (AnySubscription(random) is not { } subscription)
        {
            return;
        }

        string plan = subscription.Plan == Catalog.Plans[0] ? Catalog.Plans[1] : Catalog.Plans[0];
        var changed = await WriteAsync("PUT /subscriptions/{id} now", HttpMethod.Put, $"/api/subscriptions/{subscription.Id}", new { plan_code = plan, timeframe = "now" }, random, cancellationToken);
        if (changed.Status == Answer.NoAnswer)
        {
            subscription.Account.Invoiced(answered: false);
        }
        else if (changed.IsSuccess)
        {
            subscription.Plan = plan;
            using var document = JsonDocument.Parse(changed.Body);
            if (RecordInvoice(document.RootElement, subscription.Account.Code))
            {
                subscription.Account.Invoiced(answered: true);
            }
        }
    }

    private async Task CancelAsync(Random random, CancellationToken cancellationToken)
    {
        if (AnySubscription(random) is not { } subscription)
        {
            return;
        }

        var canceled = await WriteAsync("POST /subscriptions/{id}/cancel", HttpMethod.Post, $"/api/subscriptions/{subscription.Id}/cancel", new { timeframe = random.Next(2) == 0 ? "now" : "period_end" }, random, cancellationToken);
        if (canceled.IsSuccess)
        {
            journal.Cancellations.Enqueue(subscription.Id);
        }
    }

    private async Task ChargeAsync(Random random, CancellationToken cancellationToken)
    {
        if (PresentAccount(random) is not { } account)
        {
            return;
        }

        // One charge in ten has an amount USD cannot hold (400 validation_failed): it must create nothing.
        decimal amount = random.Next(10) == 0 ? 10.505m : 3.00m;
        var charged = await WriteAsync("POST /accounts/{code}/charges", HttpMethod.Post, $"/api/accounts/{account.Code}/charges", new { currency = "USD", amount, description = "Soak extra" }, random, cancellationToken);
        if (charged.Status == Answer.NoAnswer)
        {
            account.Invoiced(answered: false);
        }
        else if (charged.IsSuccess)
        {
            account.Invoiced(answered: true);
            using var document = JsonDocument.Parse(charged.Body);
            journal.Invoices.Enqueue((document.RootElement.GetProperty("number").GetInt64(), account.Code));
        }
    }

    private async Task ConvertAsync(Random random, CancellationToken cancellationToken)
    {
        if (cids.IsEmpty || random.Next(5) == 0)
        {
            var opened = await WriteAsync("POST /tracking/conversions couponredeem", HttpMethod.Post, "/api/tracking/conversions", new { couponCode = Catalog.Uncapped, status = "CONVERSION_STATUS_APPROVED", conversionTypeCode = "couponredeem", geoLocation = "US" }, random, cancellationToken, BillingApi.CamelCase);
            if (opened.IsSuccess)
            {
                journal.Conversions.Enqueue(opened.Property("id")!);
                cids.Enqueue(opened.Property("cid")!);
            }

            return;
        }

        string cid = cids.ElementAt(random.Next(cids.Count));
        string externalId = !externalIds.IsEmpty && random.Next(4) == 0
            ? externalIds.ElementAt(random.Next(externalIds.Count))
            : $"lead-{Interlocked.Increment(ref leads)}";
        var lead = await WriteAsync("POST /tracking/conversions lead", HttpMethod.Post, "/api/tracking/conversions", new { cid, conversionTypeCode = "lead", amount = new { value = "12.5" }, externalId }, random, cancellationToken, BillingApi.CamelCase);
        if (lead.IsSuccess)
        {
            journal.Conversions.Enqueue(lead.Property("id")!);
            externalIds.Enqueue(externalId);
        }

        if (lead.IsSuccess || lead.Code == "duplicate_external_id")
        {
            journal.AnsweredExternalIds[externalId] = true;
        }
    }

    private bool RecordInvoice(JsonElement answer, string account)
    {
        if (!answer.TryGetProperty("invoice", out var invoice) || invoice.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        journal.Invoices.Enqueue((invoice.GetProperty("number").GetInt64(), account));
        return true;
    }

    private AccountRecord? PresentAccount(Random random)
    {
        int count = Volatile.Read(ref accounts);
        for (int attempt = 0; attempt < 5 && count > 0; attempt++)
        {
            if (journal.Accounts.TryGetValue($"soak-{random.Next(1, count + 1)}", out var account) && account.Created == true)
            {
                return account;
            }
        }

        return null;
    }

    private SubscriptionRecord? AnySubscription(Random random) =>
        journal.Subscriptions.IsEmpty ? null : journal.Subscriptions.ElementAt(random.Next(journal.Subscriptions.Count));

    /// <summary>
    /// Sends one write and records it. A keyed write without an answer is sent again with its key once the host is
    /// back (its answer then stands for the write); a keyed answer is sometimes sent again at once and compared.
    /// Either is sent only while the test clock still shows the day of the first attempt: the host keeps a key 24
    /// hours of its clock, which the soak moves a day at a time, so a later resend would rightly run afresh.
    /// </summary>
    private async Task<Answer> WriteAsync(string kind, HttpMethod method, string path, object body, Random random, CancellationToken cancellationToken, JsonSerializerOptions? json = null)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(body, json ?? BillingApi.SnakeCase);
        string? key = random.NextDouble() < UnkeyedShare ? null : Guid.NewGuid().ToString("N");
        var day = supervisor.Clock;
        var answer = await SendAsync(method, path, bytes, key, cancellationToken);
        journal.Count(kind, answer);
        if (answer.Status == Answer.NoAnswer && key is not null)
        {
            await supervisor.BusinessAsync(cancellationToken);
            if (supervisor.Clock == day)
            {
                answer = await SendAsync(method, path, bytes, key, cancellationToken);
                journal.Count(kind + " (same key, after the kill)", answer);
            }
        }
        else if (key is not null && IsStored(answer.Status) && random.NextDouble() < ReplayShare && supervisor.Clock == day)
        {
            var replay = await SendAsync(method, path, bytes, key, cancellationToken);
            journal.Count(kind + " (same key, replayed)", replay);
            if (replay.Status != Answer.NoAnswer && (replay.Status != answer.Status || !replay.Body.AsSpan().SequenceEqual(answer.Body)))
            {
                journal.ReplayDiffered(kind, answer, replay);
            }
        }

        return answer;
    }

    /// <summary>Whether the idempotency middleware stores this answer for replay (not 400, 401, 403, 413, 415, 429 or 5xx).</summary>
    private static bool IsStored(int status) => status is >= 200 and < 300 or 404 or 409 or 422;

    private async Task<Answer> SendAsync(HttpMethod method, string path, byte[] body, string? key, CancellationToken cancellationToken)
    {
        if (!journal.TakeRequest(requestBudget))
        {
            throw new BudgetSpentException();
        }

        var client = await supervisor.BusinessAsync(cancellationToken);
        long start = Stopwatch.GetTimestamp();
        journal.InFlight(+1);
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = Loopback.Json(body) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, cancellationToken);
            byte[] answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new Answer((int)response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds, answer, Failure: null);
        }
        catch (Exception failure) when (failure is HttpRequestException or ObjectDisposedException || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new Answer(Answer.NoAnswer, Stopwatch.GetElapsedTime(start).TotalMilliseconds, [], failure.GetType().Name);
        }
        finally
        {
            journal.InFlight(-1);
        }
    }

    /// <summary>The run's request budget is spent: the client stops.</summary>
    private sealed class BudgetSpentException : Exception;
}
