using Billing.Coupons.Contracts;
using Billing.Host.Dashboard;
using Billing.Host.Http;
using Billing.Host.MyAccount;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.MyAccount;

/// <summary>A coupon running on the account or one of its subscriptions, with what is left of it (C5).</summary>
internal sealed record RunningCoupon(string Code, string Name, string Discount, string Remaining);

/// <summary>
/// A subscription as its customer sees it: its plan's name, the coupons that discount it (its own and the account-level
/// ones its next invoice uses) and its next invoice (I7), if it renews.
/// </summary>
internal sealed record SubscriptionView(SubscriptionDto Subscription, string PlanName, IReadOnlyList<RunningCoupon> Coupons, InvoiceDto? NextInvoice)
{
    public bool Renews => Subscription.State is "active" or "in_trial";

    public bool CanceledAtPeriodEnd => Subscription.State == "canceled";

    /// <summary>
    /// The next invoice in words: what it will ask for, after coupons (I3) and the account's credit (P5), e.g.
    /// <c>$15.00 (after $5.00 off with SAVE)</c> or <c>$10.00 due (total $15.00 after $5.00 off with SAVE, $5.00 of credit applied)</c>.
    /// </summary>
    public string? NextInvoiceText => NextInvoice is { } next ? Describe(next) : null;

    private static string Describe(InvoiceDto next)
    {
        string discount = next.DiscountTotal > 0 ? $"after {Ui.Price(next.DiscountTotal, next.Currency)} off with {string.Join(", ", next.CouponCodes)}" : string.Empty;
        if (next.CreditApplied <= 0)
        {
            return Ui.Price(next.Total, next.Currency) + (discount.Length > 0 ? $" ({discount})" : string.Empty);
        }

        string total = $"total {Ui.Price(next.Total, next.Currency)}" + (discount.Length > 0 ? " " + discount : string.Empty);
        return $"{Ui.Price(next.AmountDue, next.Currency)} due ({total}, {Ui.Price(next.CreditApplied, next.Currency)} of credit applied)";
    }
}

/// <summary>
/// K5: the customer's own account, read and changed with the API's queries and commands. Every request acts on the
/// session's one account only: a subscription or invoice named in a form or address is first checked to be that
/// account's, and answered as not found otherwise, so nothing reveals another account.
/// </summary>
internal sealed class IndexModel(IMediator mediator, CodeGuessingLimiter limiter) : PageModel
{
    public AccountDto Account { get; private set; } = null!;

    public IReadOnlyList<SubscriptionView> Subscriptions { get; private set; } = [];

    public IReadOnlyList<RunningCoupon> AccountCoupons { get; private set; } = [];

    /// <summary>The account's invoices, newest first, one page at a time (the <c>invoices_cursor</c> parameter).</summary>
    public Page<InvoiceDto> Invoices { get; private set; } = Page<InvoiceDto>.Empty;

    [BindProperty(SupportsGet = true, Name = "invoices_cursor")]
    public string? InvoicesCursor { get; set; }

    public Pager InvoicesPager => Pager.Of(Request, "Invoices", "invoices_cursor", Invoices);

    public PaymentMethodDto? PaymentMethod { get; private set; }

    /// <summary>The plans the customer may buy with this account at the checkout (K1): the active ones of the first page.</summary>
    public IReadOnlyList<PlanDto> Offerings { get; private set; } = [];

    /// <summary>Why the last action was refused, in the command's words, and its stable code.</summary>
    public string? Refusal { get; private set; }

    public string? RefusalCode { get; private set; }

    private string AccountCode => MyAccountSetup.AccountOf(User);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>S9: cancels at period end; the subscription keeps running until then.</summary>
    public async Task<IActionResult> OnPostCancelAsync(string? subscriptionId, CancellationToken ct) =>
        await OwnSubscriptionAsync(subscriptionId, ct) is { } owned
            ? await AfterAsync(await mediator.Send(new CancelSubscription(owned.Id, CancelTimeframe.PeriodEnd), ct), s => $"Your subscription to {s.PlanCode} is canceled; it ends on {Ui.Instant(s.ExpiresAt)}.", ct)
            : await RefusedAsync(HostErrors.NotYourSubscription, ct);

    /// <summary>S9: undoes the cancellation before the period ends.</summary>
    public async Task<IActionResult> OnPostReactivateAsync(string? subscriptionId, CancellationToken ct) =>
        await OwnSubscriptionAsync(subscriptionId, ct) is { } owned
            ? await AfterAsync(await mediator.Send(new ReactivateSubscription(owned.Id), ct), s => $"Your subscription to {s.PlanCode} continues; it renews on {Ui.Instant(s.CurrentPeriodEnd)}.", ct)
            : await RefusedAsync(HostErrors.NotYourSubscription, ct);

    /// <summary>R1: redeems a code on the account, in the chosen subscription's currency; unknown codes count against the guessing limit.</summary>
    public async Task<IActionResult> OnPostRedeemAsync(string? couponCode, string? subscriptionId, CancellationToken ct)
    {
        if (await OwnSubscriptionAsync(subscriptionId, ct) is not { } owned)
        {
            return await RefusedAsync(HostErrors.NotYourSubscription, ct);
        }

        var (key, limit) = limiter.PartitionOf(HttpContext);
        if (!limiter.TryReserve(key, limit, out var reservation, out var retryAfter))
        {
            var tooMany = Error.Rule("too_many_coupon_guesses", $"Too many unknown coupon codes; retry in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.");
            return await RefusedAsync(tooMany, ct, StatusCodes.Status429TooManyRequests);
        }

        var redeemed = await mediator.Send(new RedeemCoupon(AccountCode, couponCode?.Trim() ?? string.Empty, owned.Currency, owned.Id), ct);
        if (redeemed.IsSuccess || !IsBadCode(redeemed.Error))
        {
            reservation.Release();
        }

        return await AfterAsync(redeemed, r => $"Coupon {r.Code} is redeemed: it discounts your next invoice.", ct);
    }

    /// <summary>P3 + P4: replaces the card through the gateway; an unpaid invoice is retried at once and a decline is shown.</summary>
    public async Task<IActionResult> OnPostCardAsync(string? cardNumber, int? expMonth, int? expYear, string? cvc, CancellationToken ct)
    {
        var unpaid = new List<long>();
        foreach (var state in (InvoiceState[])[InvoiceState.Pending, InvoiceState.PastDue])
        {
            await foreach (var invoice in mediator.AllAsync(page => new PageInvoices(page, AccountCode: AccountCode, State: state), PageRequest.MaxLimit, ct))
            {
                if (Unpaid(invoice))
                {
                    unpaid.Add(invoice.Number!.Value);
                }
            }
        }

        var card = await mediator.Send(new SetPaymentMethod(AccountCode, cardNumber, expMonth, expYear, cvc), ct);
        if (!card.IsSuccess)
        {
            return await RefusedAsync(card.Error, ct);
        }

        foreach (long number in unpaid)
        {
            var invoice = await mediator.Send(new GetInvoice(number.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
            var attempts = await mediator.Send(new ListInvoiceTransactions(number, new PageRequest(1, null), NewestFirst: true), ct);
            if (invoice.IsSuccess && Unpaid(invoice.Value) && attempts.IsSuccess && attempts.Value.Data.FirstOrDefault() is { Outcome: not "succeeded" } last)
            {
                var declined = Error.Rule(last.DeclineCode ?? last.Outcome, CardRefusals.Describe(card.Value.Last4, number, last.DeclineCode));
                return await RefusedAsync(declined, ct, StatusCodes.Status402PaymentRequired);
            }
        }

        TempData["Flash"] = $"Your card ending in {card.Value.Last4} is saved." + (unpaid.Count > 0 ? " Your unpaid invoices are paid." : string.Empty);
        return RedirectToPage();
    }

    private static bool Unpaid(InvoiceDto invoice) =>
        Wire<InvoiceState>.TryParse(invoice.State, out var state) && state is InvoiceState.Pending or InvoiceState.PastDue && invoice.AmountDue > 0 && invoice.Number is not null;

    private static bool IsBadCode(Error error) =>
        error.Code == "coupon_not_found" || (error.Code == "validation_failed" && error.Fields.Keys.Any(k => k.Contains("coupon_code", StringComparison.Ordinal)));

    /// <summary>The subscription, when it is the session's account's; null for any other id, whoever's it is.</summary>
    private async Task<SubscriptionDto?> OwnSubscriptionAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var subscription = await mediator.Send(new GetSubscription(id), ct);
        return subscription.IsSuccess && subscription.Value.AccountCode == AccountCode ? subscription.Value : null;
    }

    private async Task<IActionResult> AfterAsync<T>(Result<T> result, Func<T, string> done, CancellationToken ct)
    {
        if (!result.IsSuccess)
        {
            return await RefusedAsync(result.Error, ct);
        }

        TempData["Flash"] = done(result.Value);
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync(Error error, CancellationToken ct, int? status = null)
    {
        Refusal = error.Fields.Count > 0 ? string.Join(" ", error.Fields.Values.SelectMany(m => m)) : error.Message;
        RefusalCode = error.Code;
        Response.StatusCode = status ?? ResultHttp.StatusOf(error.Kind);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        string code = AccountCode;
        var account = await mediator.Send(new GetAccount(code, WithCredit: true), ct);
        Account = account.IsSuccess ? account.Value : throw new InvalidOperationException($"The account of a My Account session is gone: {account.Error.Code}.");
        var invoices = await mediator.Send(new PageInvoices(new PageRequest(Ui.PageSize, InvoicesCursor, Reversed: true), AccountCode: code), ct);
        Invoices = invoices.IsSuccess ? invoices.Value : Page<InvoiceDto>.Empty;
        var method = await mediator.Send(new GetPaymentMethod(code), ct);
        PaymentMethod = method.IsSuccess ? method.Value : null;
        var plans = await mediator.Send(new PagePlans(PageRequest.First), ct);
        Offerings = plans.IsSuccess ? [.. plans.Value.Data.Where(p => p.State == PlanStates.Active)] : [];

        var running = new List<(RedemptionDto Redemption, RunningCoupon Coupon)>();
        await foreach (var redemption in mediator.AllAsync(page => new PageAccountRedemptions(code, "active", page), PageRequest.MaxLimit, ct))
        {
            var coupon = await mediator.Send(new GetCoupon(redemption.CouponId), ct);
            if (coupon.IsSuccess)
            {
                running.Add((redemption, new RunningCoupon(redemption.Code, coupon.Value.Name, Ui.Discount(coupon.Value.Discount), CouponRemaining.Describe(redemption, coupon.Value.Duration))));
            }
        }

        AccountCoupons = [.. running.Where(r => r.Redemption.SubscriptionId is null).Select(r => r.Coupon)];
        var views = new List<SubscriptionView>();
        await foreach (var subscription in mediator.AllAsync(page => new PageSubscriptions(page with { Reversed = true }, AccountCode: code), PageRequest.MaxLimit, ct))
        {
            if (subscription.State == "expired")
            {
                continue;
            }

            var plan = await mediator.Send(new GetPlan(subscription.PlanCode), ct);
            InvoiceDto? next = null;
            if (subscription.State is "active" or "in_trial")
            {
                var preview = await mediator.Send(new PreviewInvoice(SubscriptionId: subscription.Id), ct);
                next = preview.IsSuccess ? preview.Value : null;
            }

            // An account-level redemption names no subscription: it is shown on each subscription whose next invoice it discounts.
            var discounting = (next?.Lines ?? []).SelectMany(l => l.Discounts).Select(d => d.RedemptionId).OfType<string>().ToHashSet();
            views.Add(new SubscriptionView(
                subscription,
                plan.IsSuccess ? plan.Value.Name : subscription.PlanCode,
                [.. running.Where(r => r.Redemption.SubscriptionId == subscription.Id || (r.Redemption.SubscriptionId is null && discounting.Contains(r.Redemption.Id))).Select(r => r.Coupon)],
                next));
        }

        Subscriptions = views;
    }
}
