using System.Globalization;
using Billing.Coupons.Contracts;
using Billing.Host.Http;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;

namespace Billing.Host.Recurly;

/// <summary>
/// Invoices and line items in Recurly's shapes (RECURLY.md §5.11), over the Invoicing module: every amount is the one
/// Billing's engine computed; only <c>subtotal_after_discount</c> and <c>balance</c> are differences of those figures.
/// </summary>
internal static class RecurlyInvoices
{
    public static string Id(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Billing's state, except that an invoice not yet paid is pending (a zero invoice is paid at issue, P1).</summary>
    public static string State(InvoiceDto invoice) => invoice.State switch
    {
        "paid" or "voided" or "past_due" or "failed" or "closed" => invoice.State,
        _ => invoice.Total == 0 ? "paid" : "pending",
    };

    /// <summary>
    /// An account's invoices in Recurly's <paramref name="state"/> as Billing's filters (<see cref="State"/> read
    /// backwards): <c>paid</c> is a settled invoice, <c>pending</c> Billing's pending one that asks for money, the others
    /// Billing's own; a state Billing never shows (<c>closed</c>, <c>open</c>…) is <c>null</c>, no invoice.
    /// </summary>
    private static Func<PageRequest, IQuery<Page<InvoiceDto>>>? Pages(string accountCode, string? state)
    {
        if (state is null)
        {
            return page => new PageInvoices(page, AccountCode: accountCode);
        }

        if (!Wire<InvoiceState>.TryParse(state, out var billing))
        {
            return null;
        }

        return billing switch
        {
            InvoiceState.Paid => page => new PageInvoices(page, AccountCode: accountCode, Settled: true),
            InvoiceState.Pending => page => new PageInvoices(page, AccountCode: accountCode, State: InvoiceState.Pending, Settled: false),
            _ => page => new PageInvoices(page, AccountCode: accountCode, State: billing),
        };
    }

    public static async Task<Result<RecurlyInvoice>> RenderAsync(IMediator mediator, InvoiceDto invoice, CancellationToken ct)
    {
        AccountDto? account = null;
        IReadOnlyList<RedemptionDto> redemptions = [];
        if (invoice.AccountCode is { } code)
        {
            var found = await mediator.Send(new GetAccount(code), ct);
            account = found.IsSuccess ? found.Value : null;
            var applied = invoice.Lines.SelectMany(l => l.Discounts).Select(d => d.RedemptionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            redemptions = account is null || applied.Count == 0 ? [] : await RecurlyAccounts.RedemptionsOf(mediator, code, ct).Where(r => applied.Contains(r.Id)).ToListAsync(ct);
        }

        var couponIds = new Dictionary<string, CouponDto>(StringComparer.OrdinalIgnoreCase);
        foreach (string couponCode in invoice.Lines.SelectMany(l => l.Discounts).Select(d => d.CouponCode).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await mediator.Send(new FindCouponByCode(couponCode), ct) is { IsSuccess: true } coupon)
            {
                couponIds[couponCode] = coupon.Value;
            }
        }

        var used = invoice.Lines.SelectMany(l => l.Discounts).Select(d => d.RedemptionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var minis = new List<RecurlyCouponRedemptionMini>();
        foreach (var redemption in redemptions.Where(r => used.Contains(r.Id)))
        {
            if (await mediator.Send(new GetCoupon(redemption.CouponId), ct) is { IsSuccess: true } coupon)
            {
                minis.Add(RecurlyAccounts.Mini(redemption, coupon.Value));
            }
        }

        string origin = await OriginAsync(mediator, invoice, ct);
        string state = State(invoice);
        decimal paid = state == "paid" ? invoice.Total : 0m;
        string? id = invoice.Number is { } number ? Id(number) : null;
        var lines = invoice.Lines.Select((line, index) => Line(invoice, id, index, line, couponIds)).ToList();
        return new RecurlyInvoice(
            id,
            id is null ? null : RecurlyIds.Encode("invoice_" + id),
            "charge",
            origin,
            state,
            account is not null ? RecurlyAccounts.Mini(account) : invoice.AccountCode is { } accountCode ? RecurlyAccounts.Mini(accountCode) : null,
            invoice.SubscriptionId is { } subscription ? [subscription] : [],
            id,
            "manual",
            invoice.Currency,
            invoice.Subtotal,
            invoice.DiscountTotal,
            invoice.Subtotal - invoice.DiscountTotal,
            invoice.TaxTotal,
            invoice.Total,
            paid,
            invoice.Total - paid,
            minis,
            lines,
            false,
            RecurlyJson.Utc(invoice.CreatedAt),
            RecurlyJson.Utc(invoice.CreatedAt),
            id is null ? null : RecurlyJson.Utc(invoice.CreatedAt),
            state == "paid" ? RecurlyJson.Utc(invoice.CreatedAt) : null);
    }

    public static async Task<IResult> OkAsync(IMediator mediator, Result<InvoiceDto> invoice, CancellationToken ct)
    {
        if (!invoice.IsSuccess)
        {
            return RecurlyErrors.From(invoice.Error);
        }

        var rendered = await RenderAsync(mediator, invoice.Value, ct);
        return rendered.IsSuccess ? RecurlyJson.Ok(rendered.Value) : RecurlyErrors.From(rendered.Error);
    }

    public static async Task<Result<InvoiceDto>> FindAsync(IMediator mediator, string selector, CancellationToken ct)
    {
        string raw = selector.StartsWith("number-", StringComparison.Ordinal) ? selector["number-".Length..] : selector;
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? await mediator.Send(new GetInvoice(raw), ct)
            : HostErrors.InvoiceNotFoundById(selector);
    }

    public static void MapRecurlyInvoices(this IEndpointRouteBuilder recurly)
    {
        recurly.MapGet("/invoices/{invoice}", async (string invoice, IMediator mediator, CancellationToken ct) =>
            await OkAsync(mediator, await FindAsync(mediator, invoice, ct), ct));

        recurly.MapMethods("/accounts/{account}/invoices", ["GET", "HEAD"], async (string account, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var owner = await RecurlyAccounts.FindAsync(mediator, account, ct);
            if (!owner.IsSuccess)
            {
                return RecurlyErrors.From(owner.Error);
            }

            return await RecurlyPaging.PageAsync(
                http,
                mediator,
                ["state", "type"],
                query => query.Filter("type") is null or "charge" or "non-legacy" ? Pages(owner.Value.Code, query.Filter("state")) : null,
                id => id.StartsWith("number-", StringComparison.Ordinal) ? id["number-".Length..] : id,
                RecurlyListQuery.EachAsync<InvoiceDto, RecurlyInvoice>(i => RenderAsync(mediator, i, ct)),
                ct);
        });

        recurly.MapMethods("/invoices/{invoice}/line_items", ["GET", "HEAD"], async (string invoice, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var found = await FindAsync(mediator, invoice, ct);
            if (!found.IsSuccess)
            {
                return RecurlyErrors.From(found.Error);
            }

            var rendered = await RenderAsync(mediator, found.Value, ct);
            if (!rendered.IsSuccess)
            {
                return RecurlyErrors.From(rendered.Error);
            }

            var (query, refusal) = RecurlyListQuery.Parse(http.Request, "original", "state", "type");
            return refusal ?? query!.Answer(
                http,
                rendered.Value.LineItems.Where(l => (query.Filter("type") is not { } type || l.Type == type) && (query.Filter("state") is not { } state || l.State == state)),
                l => new DateTimeOffset(l.CreatedAt, TimeSpan.Zero),
                l => l.Id!,
                l => l);
        });

        recurly.MapMethods("/invoices/{invoice}/coupon_redemptions", ["GET", "HEAD"], async (string invoice, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var found = await FindAsync(mediator, invoice, ct);
            if (!found.IsSuccess || found.Value.AccountCode is not { } account)
            {
                return found.IsSuccess ? RecurlyErrors.NotFound($"Invoice '{invoice}' has no account.") : RecurlyErrors.From(found.Error);
            }

            var used = found.Value.Lines.SelectMany(l => l.Discounts).Select(d => d.RedemptionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            return await RecurlyAccounts.ListRedemptionsAsync(http, mediator, "code-" + account, [], RedemptionScope.All with { Ids = used }, ct);
        });
    }

    private static RecurlyLineItem Line(InvoiceDto invoice, string? invoiceId, int index, InvoiceLineDto line, Dictionary<string, CouponDto> coupons)
    {
        string? id = invoiceId is null ? null : $"{invoiceId}l{index + 1}";
        var type = Wire<LineType>.Parse(line.Type);
        bool credit = type == LineType.ProrationCredit;
        string origin = type switch
        {
            LineType.SetupFee => "setup_fee",
            LineType.AddOn => "add_on",
            LineType.OneTime => "one_time",
            _ => "plan",
        };
        return new RecurlyLineItem(
            id,
            id is null ? null : RecurlyIds.Encode("line_" + id),
            credit ? "credit" : "charge",
            "invoiced",
            origin,
            line.Description,
            invoice.Currency,
            line.Quantity,
            line.UnitAmount,
            line.Amount,
            line.Discount,
            [.. line.Discounts.Select((d, order) => new RecurlyLineItemDiscount(
                coupons.TryGetValue(d.CouponCode, out var coupon) ? coupon.Id : null,
                d.RedemptionId,
                order + 1,
                d.Amount,
                invoice.Currency))],
            line.Tax,
            line.Total,
            type is LineType.Plan or LineType.SetupFee or LineType.ProrationCharge or LineType.ProrationCredit ? line.Code : null,
            type == LineType.AddOn ? line.Code : null,
            invoice.SubscriptionId,
            invoiceId,
            invoiceId,
            RecurlyJson.Utc(invoice.PeriodStart),
            RecurlyJson.Utc(invoice.PeriodEnd),
            RecurlyJson.Utc(invoice.CreatedAt));
    }

    /// <summary>
    /// Recurly's origin: <c>immediate_change</c> for a proration, <c>purchase</c> for one-time charges and a
    /// subscription's first invoice, <c>renewal</c> for the later ones.
    /// </summary>
    private static async Task<string> OriginAsync(IMediator mediator, InvoiceDto invoice, CancellationToken ct)
    {
        if (invoice.Lines.Any(l => Wire<LineType>.Parse(l.Type) is LineType.ProrationCharge or LineType.ProrationCredit))
        {
            return "immediate_change";
        }

        if (invoice.SubscriptionId is not { } subscription || invoice.Number is not { } number)
        {
            return "purchase";
        }

        var first = await mediator.Send(new PageInvoices(new PageRequest(1, null), SubscriptionId: subscription), ct);
        return first is { IsSuccess: true, Value.Data: [{ Number: { } firstNumber }, ..] } && firstNumber < number ? "renewal" : "purchase";
    }
}
