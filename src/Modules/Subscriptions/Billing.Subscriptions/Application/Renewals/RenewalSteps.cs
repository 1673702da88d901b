using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Subscriptions.Domain;
using Billing.Subscriptions.Infrastructure;
using MediatR;

namespace Billing.Subscriptions.Application.Renewals;

/// <summary>
/// S6 + S8 + S9: renewing due subscriptions, one (<see cref="RenewSubscriptionHandler"/>) or a bill-run batch
/// (<see cref="RenewDueSubscriptionsHandler"/>) alike (issue 19), in the caller's transaction. Invoicing's unique key
/// per period backs up the caller's read, so a repeated or concurrent run invoices nothing twice.
/// </summary>
internal static class RenewalSteps
{
    /// <summary>
    /// Brings due subscriptions up to date: one canceled at period end expires, the live ones are renewed, and each
    /// subscription's row is written once at the end (<see cref="SubscriptionStore"/>) with the events they publish
    /// (<see cref="RenewalEvents"/>, issue 16) in one bulk outbox insert.
    /// </summary>
    public static async Task<Result<RenewalCounts>> RenewAsync(SubscriptionsDbContext db, IMediator mediator, IReadOnlyList<Subscription> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var canceled = due.Where(s => s.State == SubscriptionState.Canceled).ToList();
        var live = due.Where(s => s.IsLive).ToList();
        var events = new List<IIntegrationEvent>();
        var expired = await ExpireAsync(mediator, canceled, events, now, cancellationToken);
        if (!expired.IsSuccess)
        {
            return expired.Error;
        }

        Result<int> invoiced = live.Count == 0 ? 0 : await RenewLiveAsync(db, mediator, live, events, now, cancellationToken);
        if (!invoiced.IsSuccess)
        {
            return invoiced.Error;
        }

        db.WriteSubscriptions([.. canceled, .. live]);
        db.StoreEvents(events);
        return new RenewalCounts(live.Count, invoiced.Value, 0, canceled.Count);
    }

    /// <summary>Starts the next period; a change scheduled for renewal becomes the terms (so the plan may change).</summary>
    public static void StartNextPeriod(Subscription subscription)
    {
        subscription.AdvancePeriod();
        subscription.ApplyPendingChange();
    }

    /// <summary>Prices the period that just started (S3 original_price) and asks for its invoice.</summary>
    public static GenerateInvoice InvoiceFor(Subscription subscription, Plan plan, Account account)
    {
        subscription.PriceAt(plan);
        return InvoiceRequests.ForCurrentPeriod(plan, account, subscription, firstInvoice: false);
    }

    /// <summary>S3 purchase_price: what the period's invoice charges for the plan and add-ons after coupons (see <see cref="Subscription.Invoiced"/>).</summary>
    public static void Invoiced(Subscription subscription, InvoiceDto invoice) =>
        subscription.Invoiced(InvoiceRequests.PurchasePriceOf(invoice, Currency.Of(subscription.Currency).MinorPerMajor));

    /// <summary>S9: a subscription canceled at period end expires then, and its subscription-level redemptions end.</summary>
    private static async Task<Result<int>> ExpireAsync(IMediator mediator, List<Subscription> canceled, List<IIntegrationEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var subscription in canceled)
        {
            subscription.Expire(subscription.CurrentPeriodEnd);
            events.Add(new SubscriptionExpired(Guid.NewGuid(), now, subscription.ToSnapshot(), SubscriptionExpiry.Canceled));
            var ended = await mediator.Send(new EndSubscriptionRedemptions(subscription.Id), cancellationToken);
            if (!ended.IsSuccess)
            {
                return ended.Error;
            }
        }

        return canceled.Count;
    }

    /// <summary>
    /// Renews live subscriptions together in rounds, answering the number of invoices issued: every subscription's
    /// next period started (a change scheduled for renewal applied, S8) and priced in memory, the round's invoices
    /// issued with one <see cref="GenerateInvoices"/>, again while any is still behind (a catch-up: each missed period
    /// its own invoice).
    /// </summary>
    private static async Task<Result<int>> RenewLiveAsync(SubscriptionsDbContext db, IMediator mediator, List<Subscription> live, List<IIntegrationEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accounts = await db.AccountsOfAsync(live, cancellationToken);
        var plans = await db.PlansOfAsync(live, cancellationToken);
        int invoiced = 0;
        var behind = live;
        while (behind.Count > 0)
        {
            var requests = new List<GenerateInvoice>(behind.Count);
            var previousTerms = behind.Select(s => (s.PlanCode, s.Quantity)).ToList();
            foreach (var subscription in behind)
            {
                StartNextPeriod(subscription);
                requests.Add(InvoiceFor(subscription, plans[subscription.PlanCode], accounts[subscription.AccountCode]));
            }

            var invoices = await mediator.Send(new GenerateInvoices(requests), cancellationToken);
            if (!invoices.IsSuccess)
            {
                return invoices.Error;
            }

            for (int i = 0; i < behind.Count; i++)
            {
                Invoiced(behind[i], invoices.Value[i]);
                events.AddRange(RenewalEvents.Of(behind[i], previousTerms[i].PlanCode, previousTerms[i].Quantity, invoices.Value[i], now));
            }

            invoiced += behind.Count;
            behind = behind.Where(s => s.CurrentPeriodEnd <= now).ToList();
        }

        return invoiced;
    }
}
