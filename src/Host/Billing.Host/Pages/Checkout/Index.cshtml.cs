using System.Globalization;
using System.Text.RegularExpressions;
using Billing.BuildingBlocks.Idempotency;
using Billing.BuildingBlocks.Persistence;
using Billing.Coupons.Contracts;
using Billing.Host.Checkout;
using Billing.Host.Http;
using Billing.Host.MyAccount;
using Billing.Invoicing.Contracts;
using Billing.Payments.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Billing.Host.Pages.Checkout;

/// <summary>
/// The seed-002 checkout (K1–K4): an offering (a plan's code, or a one-time package's, S1/S7) in a currency, its first invoice's price as list then paid
/// from the preview engine (I7), the coupon of the URL applied at once, an optional coupon field, the customer, and the
/// card only when something is left to pay (K3: a free first invoice, or one a returning customer's credit pays, asks
/// for none); a card entered is saved as the account's payment method for renewals. The customer is a new one (email and
/// country typed; an email an account has is refused) or, with the signed <c>account_token</c> of My Account
/// (<see cref="MyAccount.CheckoutModel"/>), that account, with its tax rate and credit (P5). A typed email is never
/// looked up to price the page, so it reveals nothing of an account. The purchase is one
/// <see cref="PurchaseSubscription"/>; the page's checkout key makes a second submit replay the first one's answer, and a
/// first submit whose coupon the preview refuses by then (issue 18) is refused with why, before any charge. A
/// package is priced as its one-time invoice (a coupon only when it can discount one, C7) and lands on the onboarding
/// page with its invoice's number.
/// </summary>
internal sealed partial class IndexModel(
    IMediator mediator,
    CodeGuessingLimiter guesses,
    IdempotencyStore keys,
    DbSession session,
    PortalLinks links,
    IOptions<CheckoutOptions> options) : PageModel
{
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(10);

    [BindProperty(SupportsGet = true, Name = "offering_id")]
    public string? OfferingId { get; set; }

    [BindProperty(SupportsGet = true, Name = "coupon_code")]
    public string? CouponCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "show_coupon_field")]
    public string? ShowCouponFieldText { get; set; }

    [BindProperty(SupportsGet = true, Name = "currency")]
    public string? CurrencyCode { get; set; }

    /// <summary>The signed proof of an account (<see cref="LinkPurpose.Checkout"/>), from its My Account page.</summary>
    [BindProperty(SupportsGet = true, Name = "account_token")]
    public string? AccountToken { get; set; }

    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    [BindProperty(Name = "country")]
    public string? Country { get; set; }

    [BindProperty(Name = "checkout_key")]
    public string? CheckoutKey { get; set; }

    public bool ShowCouponField => string.Equals(ShowCouponFieldText, "true", StringComparison.OrdinalIgnoreCase);

    public PlanDto? Plan { get; private set; }

    /// <summary>The one-time package offered (S7), when no plan has the offering's code.</summary>
    public PackageDto? Package { get; private set; }

    /// <summary>The offering's code and name, a plan's or a package's.</summary>
    public string? OfferingCode => Plan?.Code ?? Package?.Code;

    public string? OfferingName => Plan?.Name ?? Package?.Name;

    public string Currency { get; private set; } = string.Empty;

    public CheckoutPrice? Price { get; private set; }

    /// <summary>The coupon applied to the price, with its hosted-page description (C9).</summary>
    public string? AppliedCode { get; private set; }

    public string? CouponDescription { get; private set; }

    /// <summary>Why the coupon of the URL or the field was refused (K2): the refusal's message.</summary>
    public string? CouponRefusal { get; private set; }

    /// <summary>The account the customer proved with <see cref="AccountToken"/>: it buys with its tax rate and credit.</summary>
    public AccountDto? Buyer { get; private set; }

    /// <summary>The proven account's tax rate, when it applies (S2).</summary>
    public decimal? TaxRate { get; private set; }

    /// <summary>The purchase was refused because an account has the email typed: the way to buy with it is My Account.</summary>
    public bool AccountExists { get; private set; }

    /// <summary>Why the page cannot offer anything (unknown offering, currency not offered) or why a purchase was refused.</summary>
    public string? Problem { get; private set; }

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    public bool IsFree => Price is { IsFree: true };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CheckoutKey = NewCheckoutKey();
        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>The price block alone, for the coupon field's script: the same as a reload would show.</summary>
    public async Task<IActionResult> OnGetPriceAsync(CancellationToken ct) => await LoadAsync(ct) ?? Partial("_Price", this);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CheckoutKey is null || !CheckoutKeyPattern().IsMatch(CheckoutKey))
        {
            return BadRequest();
        }

        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        string key = "checkout:" + CheckoutKey;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (outcome, record) = await keys.ClaimAsync(key, "checkout", ct);
            if (outcome == ClaimOutcome.Replay && record?.Location is { } location)
            {
                return SeeOther(location);
            }

            if (outcome == ClaimOutcome.Claimed && CouponRefusal is not null)
            {
                await keys.ReleaseAsync(key, CancellationToken.None);
                return Refused($"Nothing was bought: the coupon {CouponCode?.Trim()} was not applied. Check the price and buy again.", new Dictionary<string, string[]>());
            }

            if (outcome == ClaimOutcome.Claimed)
            {
                return await PurchaseAsync(key, ct);
            }

            if (waited.Elapsed >= WaitForFirst)
            {
                Problem = "This checkout is still being processed; reload the page in a moment.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>
    /// Sends the purchase with its write transaction held, so that its effects and the key's stored answer commit
    /// together (as the API's idempotency keys do); a refusal releases the key, so the customer can correct and retry.
    /// </summary>
    private async Task<IActionResult> PurchaseAsync(string key, CancellationToken ct)
    {
        var card = Request.Form;
        var purchase = new PurchaseSubscription(
            CheckoutKey!,
            Plan?.Code,
            Currency,
            AppliedCode,
            Buyer?.Code,
            Buyer is null ? Email?.Trim() ?? string.Empty : null,
            Buyer is null ? Country?.Trim().ToUpperInvariant() ?? string.Empty : null,
            NullIfEmpty(card["card_number"]),
            IntOrNull(card["exp_month"]),
            IntOrNull(card["exp_year"]),
            NullIfEmpty(card["cvc"]),
            Package?.Code);
        session.HoldNextCommit();
        Result<PurchaseDto> bought;
        try
        {
            bought = await mediator.Send(purchase, ct);
        }
        catch
        {
            session.RollBackHeld();
            await keys.ReleaseAsync(key, CancellationToken.None);
            throw;
        }

        if (!bought.IsSuccess)
        {
            session.RollBackHeld();
            await keys.ReleaseAsync(key, CancellationToken.None);
            AccountExists = bought.Error.Code == CheckoutAccounts.ExistsCode;
            return Refused(bought.Error.Message, bought.Error.Fields);
        }

        string location = options.Value.OnboardingUrlFor(bought.Value);
        var answer = new StoredResponse(StatusCodes.Status303SeeOther, null, location, []);
        if (session.HasHeldCommit)
        {
            await keys.CompleteWithEffectsAsync(session, key, answer, CancellationToken.None);
        }
        else
        {
            await keys.CompleteAsync(key, answer, CancellationToken.None);
        }

        return SeeOther(location);
    }

    /// <summary>The offering, the currency, the proven customer and the price with the coupon; or the page that says why not.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(AccountToken) && await ProvenAccountAsync(ct) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(OfferingId))
        {
            return Refuse(StatusCodes.Status400BadRequest, "The link names no offering (offering_id).");
        }

        if (await OfferingAsync(OfferingId.Trim(), ct) is not { } currencies)
        {
            return Refuse(StatusCodes.Status404NotFound, $"No offering has the id '{OfferingId}'.");
        }

        Currency = (CurrencyCode ?? currencies[0]).Trim().ToUpperInvariant();
        if (!currencies.Contains(Currency, StringComparer.Ordinal))
        {
            return Refuse(StatusCodes.Status400BadRequest, $"{OfferingName} is not offered in {CurrencyCode}.");
        }

        string? accountCode = Buyer?.Code;
        string? code = string.IsNullOrWhiteSpace(CouponCode) ? null : CouponCode.Trim();
        if (code is not null)
        {
            var (partition, limit) = guesses.PartitionOf(HttpContext);
            if (!guesses.TryReserve(partition, limit, out var reservation, out var retryAfter))
            {
                int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Refuse(StatusCodes.Status429TooManyRequests, $"Too many unknown coupon codes from this address; retry in {seconds} s.");
            }

            var discounted = await mediator.Send(PreviewOf(code, accountCode), ct);
            bool missed = !discounted.IsSuccess && (discounted.Error.Code == "coupon_not_found" || discounted.Error.Fields.ContainsKey("coupon_code"));
            if (!missed)
            {
                reservation.Release();
            }

            if (discounted.IsSuccess)
            {
                AppliedCode = code;
                Price = CheckoutPrice.Of(discounted.Value);
                var coupon = await mediator.Send(new FindCouponByCode(code), ct);
                CouponDescription = coupon.IsSuccess ? coupon.Value.HostedPageDescription : null;
                return null;
            }

            CouponRefusal = discounted.Error.Fields.Count > 0 ? discounted.Error.Fields.First().Value.First() : discounted.Error.Message;
        }

        var listed = await mediator.Send(PreviewOf(null, accountCode), ct);
        if (!listed.IsSuccess)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, listed.Error.Message);
        }

        Price = CheckoutPrice.Of(listed.Value);
        return null;
    }

    /// <summary>The offering of the code — a plan, else a one-time package (K1, S1) — and its currencies in order; null when neither has it.</summary>
    private async Task<IReadOnlyList<string>?> OfferingAsync(string code, CancellationToken ct)
    {
        if (await mediator.Send(new GetPlan(code), ct) is { IsSuccess: true } plan)
        {
            Plan = plan.Value;
            return [.. Plan.Currencies.Select(c => c.Currency)];
        }

        if (await mediator.Send(new GetPackage(code), ct) is { IsSuccess: true } package)
        {
            Package = package.Value;
            return [.. Package.Currencies.Select(c => c.Currency)];
        }

        return null;
    }

    /// <summary>I7: the first invoice of the offering (a plan's first period, or a package's one-time charge) with <paramref name="couponCode"/>.</summary>
    private PreviewInvoice PreviewOf(string? couponCode, string? accountCode) =>
        new(PlanCode: Plan?.Code, Currency: Currency, CouponCode: couponCode, AccountCode: accountCode, PackageCode: Package?.Code);

    /// <summary>
    /// The account of <see cref="AccountToken"/>, or the page that refuses an expired or forged one. A page that carries
    /// the token is a customer's own: never cached, and its address (the token) never sent on as a Referer.
    /// </summary>
    private async Task<IActionResult?> ProvenAccountAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var check = links.Check(AccountToken, LinkPurpose.Checkout, out string accountCode);
        if (check == LinkCheck.Valid && await mediator.Send(new GetAccount(accountCode), ct) is { IsSuccess: true } account)
        {
            Buyer = account.Value;
            TaxRate = Buyer.TaxRate > 0 ? Buyer.TaxRate : null;
            return null;
        }

        AccountToken = null;
        return Refuse(
            StatusCodes.Status401Unauthorized,
            check == LinkCheck.Expired
                ? "This checkout link has expired: open the checkout again from your My Account page."
                : "This checkout link is not valid: open the checkout again from your My Account page.");
    }

    /// <summary>Where a returning customer buys this checkout with their account: through their My Account session.</summary>
    public string MyAccountCheckoutUrl =>
        CheckoutSetup.Url(CheckoutSetup.MyAccountPath, OfferingCode ?? OfferingId, Currency, AppliedCode, ShowCouponField ? "true" : null, null);

    public IEnumerable<string> ErrorsFor(string field) => FieldErrors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>This page's URL with another coupon code (or none): what the coupon field's form submits without script.</summary>
    public string UrlWithCoupon(string? code) => CheckoutSetup.Url(CheckoutSetup.Path, OfferingCode ?? OfferingId, Currency, code, ShowCouponField ? "true" : null, AccountToken);

    private PageResult Refuse(int status, string message)
    {
        Plan = null;
        Package = null;
        Problem = message;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>
    /// A purchase refused, before anything was charged or with its charge refunded: the page again with why, under a new
    /// checkout key, so that the corrected purchase is a new attempt.
    /// </summary>
    private PageResult Refused(string problem, IReadOnlyDictionary<string, string[]> fields)
    {
        Problem = problem;
        FieldErrors = fields;
        CheckoutKey = NewCheckoutKey();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private StatusCodeResult SeeOther(string location)
    {
        Response.Headers.Location = location;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>
    /// A new checkout attempt: the page's first render, and the render after a refusal, so that the corrected purchase
    /// is charged under a key of its own (the gateway answers a repeated key with its first answer, a decline included).
    /// </summary>
    private static string NewCheckoutKey() => Guid.NewGuid().ToString("N");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static int? IntOrNull(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : null;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex CheckoutKeyPattern();
}
