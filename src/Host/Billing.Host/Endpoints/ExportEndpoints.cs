using System.Globalization;
using Billing.Coupons.Contracts;
using Billing.Host.Auth;
using Billing.Host.Dashboard;
using Billing.Host.Http;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using CsvHelper;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Host.Endpoints;

/// <summary>
/// D3: the seven CSV exports, read-only (business may download them): a header row, one row per record, amounts in
/// major units beside their currency, instants in ISO 8601 UTC, filtered by <c>from</c> (inclusive) and <c>to</c>
/// (exclusive). Rows are written to the response as each page is read, so memory does not grow with the export.
/// </summary>
internal static class ExportEndpoints
{
    private const int PageSize = 500;

    public static void MapExportEndpoints(this IEndpointRouteBuilder api)
    {
        var exports = api.MapGroup("/exports").WithTags("Exports")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(Roles.Scheme, DashboardSetup.CookieScheme).RequireRole(Roles.Admin, Roles.Business));
        exports.MapGet("/{name}.csv", async (string name, string? from, string? to, [FromQuery(Name = "coupon_id")] string? couponId, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            if (!TryInstant(from, out var start) || !TryInstant(to, out var end))
            {
                string field = from is not null && !TryInstant(from, out _) ? "from" : "to";
                return Error.Validation(field, InstantRange.DateOrInstantRule(field)).ToProblem();
            }

            Func<CsvWriter, Task>? write = name switch
            {
                "coupons" => csv => Coupons(csv, mediator, start, end, ct),
                "redemptions" => csv => Redemptions(csv, mediator, start, end, ct),
                "unique-codes" => csv => UniqueCodes(csv, mediator, couponId, start, end, ct),
                "invoices" or "invoice-lines" or "invoice-line-discounts" => csv => Invoices(csv, name, mediator, start, end, ct),
                "conversions" => csv => Conversions(csv, mediator, start, end, ct),
                _ => null,
            };
            if (write is null)
            {
                return Error.NotFound("export_not_found", $"There is no export named '{name}'; exports are coupons, redemptions, unique-codes, invoices, invoice-lines, invoice-line-discounts and conversions.").ToProblem();
            }

            if (name == "unique-codes")
            {
                var coupon = couponId is null
                    ? Error.Validation("coupon_id", "coupon_id names the bulk coupon whose codes are exported.")
                    : await mediator.Send(new GetCoupon(couponId), ct) is { IsSuccess: false } missing ? missing.Error : null;
                if (coupon is not null)
                {
                    return coupon.ToProblem();
                }
            }

            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
            await using var csv = CsvWriter.Create(http.Response.Body, null, leaveOpen: true);
            await write(csv);
            await csv.FlushAsync(ct);
            return Results.Empty;
        }).WithName("Export").WithSummary("Exports coupons, redemptions, unique codes, invoices, invoice lines, line discounts or conversions as CSV (D3)").Produces<string>(StatusCodes.Status200OK, "text/csv");
    }

    private static async Task Coupons(CsvWriter csv, IMediator mediator, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        await Header(csv, "id", "code", "name", "discount_type", "percent", "amounts", "duration", "max_redemptions", "max_redemptions_per_account",
            "redeem_by", "redemption_resource", "coupon_type", "state", "expire_reason", "times_redeemed", "created_at", "expired_at");
        var coupons = await mediator.Send(new ListCoupons(null, null), ct);
        if (!coupons.IsSuccess)
        {
            return;
        }

        foreach (var c in coupons.Value.Where(c => Within(c.CreatedAt, from, to)))
        {
            await Row(csv, c.Id, c.Code, c.Name, c.Discount.Type, c.Discount.Percent?.ToString(CultureInfo.InvariantCulture),
                string.Join(" ", (c.Discount.Amounts ?? []).Select(a => $"{Major(a.Amount)} {a.Currency}")), Ui.Duration(c.Duration),
                c.MaxRedemptions?.ToString(CultureInfo.InvariantCulture), c.MaxRedemptionsPerAccount?.ToString(CultureInfo.InvariantCulture),
                Iso(c.RedeemBy), c.RedemptionResource, c.CouponType, c.State, c.ExpireReason, c.TimesRedeemed.ToString(CultureInfo.InvariantCulture),
                Iso(c.CreatedAt), Iso(c.ExpiredAt));
        }
    }

    private static async Task Redemptions(CsvWriter csv, IMediator mediator, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        await Header(csv, "id", "coupon_id", "code", "account_code", "subscription_id", "currency", "state", "inactive_reason", "periods_discounted",
            "discounted", "discounted_currency", "created_at", "ended_at");
        var coupons = await mediator.Send(new ListCoupons(null, null), ct);
        if (!coupons.IsSuccess)
        {
            return;
        }

        foreach (var coupon in coupons.Value)
        {
            var redemptions = await mediator.Send(new ListCouponRedemptions(coupon.Id), ct);
            foreach (var r in redemptions.IsSuccess ? redemptions.Value.Where(r => Within(r.CreatedAt, from, to)) : [])
            {
                var total = r.TotalDiscounted.FirstOrDefault(a => a.Currency == r.Currency);
                await Row(csv, r.Id, r.CouponId, r.Code, r.AccountCode, r.SubscriptionId, r.Currency, r.State, r.InactiveReason,
                    r.PeriodsDiscounted.ToString(CultureInfo.InvariantCulture), Major(total?.Amount ?? 0m), r.Currency, Iso(r.CreatedAt), Iso(r.EndedAt));
            }

            await csv.FlushAsync(ct);
        }
    }

    private static async Task UniqueCodes(CsvWriter csv, IMediator mediator, string? couponId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        await Header(csv, "code", "coupon_id", "state", "redemption_id", "created_at", "redeemed_at", "expired_at");
        await foreach (var code in AllPagesAsync(page => new PageUniqueCodes(couponId!, null, page), mediator, ct))
        {
            if (!Within(code.CreatedAt, from, to))
            {
                continue;
            }

            await Row(csv, code.Code, code.CouponId, code.State, code.RedemptionId, Iso(code.CreatedAt), Iso(code.RedeemedAt), Iso(code.ExpiredAt));
        }
    }

    private static async Task Invoices(CsvWriter csv, string name, IMediator mediator, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        switch (name)
        {
            case "invoices":
                await Header(csv, "number", "account_code", "subscription_id", "state", "currency", "subtotal", "discount_total", "tax_total", "total",
                    "coupon_codes", "period_start", "period_end", "created_at");
                break;
            case "invoice-lines":
                await Header(csv, "invoice_number", "line", "type", "code", "description", "quantity", "unit_amount", "amount", "discount", "tax", "total", "currency", "created_at");
                break;
            default:
                await Header(csv, "invoice_number", "line", "line_code", "coupon_code", "redemption_id", "discount", "currency", "created_at");
                break;
        }

        long after = 0;
        while (true)
        {
            var page = await mediator.Send(new ListInvoicesPage(after, PageSize), ct);
            if (!page.IsSuccess)
            {
                return;
            }

            foreach (var invoice in page.Value.Where(i => Within(i.CreatedAt, from, to)))
            {
                await InvoiceRows(csv, name, invoice);
            }

            await csv.FlushAsync(ct);
            if (page.Value.Count < PageSize)
            {
                return;
            }

            after = page.Value[^1].Number ?? after;
        }
    }

    private static async Task InvoiceRows(CsvWriter csv, string name, InvoiceDto i)
    {
        string number = i.Number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        if (name == "invoices")
        {
            await Row(csv, number, i.AccountCode, i.SubscriptionId, i.State, i.Currency, Major(i.Subtotal), Major(i.DiscountTotal), Major(i.TaxTotal), Major(i.Total),
                string.Join(" ", i.CouponCodes), Iso(i.PeriodStart), Iso(i.PeriodEnd), Iso(i.CreatedAt));
            return;
        }

        for (int n = 0; n < i.Lines.Count; n++)
        {
            var line = i.Lines[n];
            string position = (n + 1).ToString(CultureInfo.InvariantCulture);
            if (name == "invoice-lines")
            {
                await Row(csv, number, position, line.Type, line.Code, line.Description, line.Quantity.ToString(CultureInfo.InvariantCulture), Major(line.UnitAmount),
                    Major(line.Amount), Major(line.Discount), Major(line.Tax), Major(line.Total), i.Currency, Iso(i.CreatedAt));
                continue;
            }

            foreach (var discount in line.Discounts)
            {
                await Row(csv, number, position, line.Code, discount.CouponCode, discount.RedemptionId, Major(discount.Amount), i.Currency, Iso(i.CreatedAt));
            }
        }
    }

    private static async Task Conversions(CsvWriter csv, IMediator mediator, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        await Header(csv, "id", "cid", "type", "status", "coupon_code", "external_id", "amount", "currency", "account_code", "subscription_id", "created_at");
        await foreach (var c in AllPagesAsync(page => new PageConversions(null, null, null, from, to, page), mediator, ct))
        {
            await Row(csv, c.Id, c.Cid, c.ConversionTypeCode, c.Status, c.CouponCode, c.ExternalId, c.Amount, c.Currency, c.AccountCode, c.SubscriptionId, Iso(c.CreatedAt));
        }
    }

    /// <summary>
    /// Every item of a paged list, page after page of the largest size in its keyset order, so an export streams the
    /// whole list instead of stopping at a list query's cap (issue 17: conversions stopped at 1,000, codes at 10,000).
    /// </summary>
    private static async IAsyncEnumerable<T> AllPagesAsync<T>(Func<PageRequest, IQuery<Page<T>>> query, IMediator mediator, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            var page = await mediator.Send(query(new PageRequest(PageRequest.MaxLimit, cursor)), ct);
            if (!page.IsSuccess)
            {
                yield break;
            }

            foreach (var item in page.Value.Data)
            {
                yield return item;
            }

            cursor = page.Value.HasMore ? page.Value.NextCursor : null;
        }
        while (cursor is not null);
    }

    private static async Task Header(CsvWriter csv, params string[] names) => await Row(csv, names);

    private static async Task Row(CsvWriter csv, params string?[] fields) =>
        await csv.WriteRecordAsync(fields.Select(f => f ?? string.Empty).ToArray(), CancellationToken.None);

    private static bool Within(DateTimeOffset instant, DateTimeOffset? from, DateTimeOffset? to) =>
        (from is null || instant >= from) && (to is null || instant < to);

    private static string Major(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    private static bool TryInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (text is null)
        {
            return true;
        }

        // Within the accepted range (issue 14 item 1): a date is its midnight UTC, so both ends of the range are instants in it.
        bool parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            && InstantRange.Contains(value);
        instant = parsed ? value : null;
        return parsed;
    }
}
