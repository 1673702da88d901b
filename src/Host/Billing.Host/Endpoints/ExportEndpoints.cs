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
using Microsoft.Extensions.Options;

namespace Billing.Host.Endpoints;

/// <summary>
/// D3: the seven CSV exports, read-only (business may download them): a header row, one row per record, amounts in
/// major units beside their currency, instants in ISO 8601 UTC, filtered by <c>from</c> (inclusive) and <c>to</c>
/// (exclusive). Rows are written to the response as each page is read, so memory does not grow with the export.
/// </summary>
internal static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder api)
    {
        var exports = api.MapGroup("/exports").WithTags("Exports")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(Roles.Scheme, DashboardSetup.CookieScheme).RequireRole(Roles.Admin, Roles.Business));
        exports.MapGet("/{name}.csv", async (string name, string? from, string? to, [FromQuery(Name = "coupon_id")] string? couponId, HttpContext http, IMediator mediator, IOptions<ExportOptions> options, CancellationToken ct) =>
        {
            if (!TryInstant(from, out var start) || !TryInstant(to, out var end))
            {
                string field = from is not null && !TryInstant(from, out _) ? "from" : "to";
                return Error.Validation(field, InstantRange.DateOrInstantRule(field)).ToProblem();
            }

            var export = new Export(mediator, options.Value.PageSize, start, end, ct);
            Func<CsvWriter, Task>? write = name switch
            {
                "coupons" => export.Coupons,
                "redemptions" => export.Redemptions,
                "unique-codes" => csv => export.UniqueCodes(csv, couponId!),
                "invoices" or "invoice-lines" or "invoice-line-discounts" => csv => export.Invoices(csv, name),
                "conversions" => export.Conversions,
                _ => null,
            };
            if (write is null)
            {
                return HostErrors.ExportNotFound(name).ToProblem();
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

    /// <summary>
    /// One export's rows, each list read through its module's page query, page after page of
    /// <c>Billing:Exports:PageSize</c> rows in its keyset order: every row exactly once, however many there are (D3,
    /// issue 17: the coupon and redemption exports read whole lists, the others stopped at the list queries' caps).
    /// </summary>
    private sealed class Export(IMediator mediator, int pageSize, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        private IAsyncEnumerable<T> All<T>(Func<PageRequest, IQuery<Page<T>>> query) => mediator.AllAsync(query, pageSize, ct);

        public async Task Coupons(CsvWriter csv)
        {
            await Header(csv, "id", "code", "name", "discount_type", "percent", "amounts", "duration", "max_redemptions", "max_redemptions_per_account",
                "redeem_by", "redemption_resource", "coupon_type", "state", "expire_reason", "times_redeemed", "created_at", "expired_at");
            await foreach (var c in All(page => new PageCoupons(page)))
            {
                if (!Within(c.CreatedAt))
                {
                    continue;
                }

                await Row(csv, c.Id, c.Code, c.Name, c.Discount.Type, c.Discount.Percent?.ToString(CultureInfo.InvariantCulture),
                    string.Join(" ", (c.Discount.Amounts ?? []).Select(a => $"{Major(a.Amount)} {a.Currency}")), Ui.Duration(c.Duration),
                    c.MaxRedemptions?.ToString(CultureInfo.InvariantCulture), c.MaxRedemptionsPerAccount?.ToString(CultureInfo.InvariantCulture),
                    Iso(c.RedeemBy), c.RedemptionResource, c.CouponType, c.State, c.ExpireReason, c.TimesRedeemed.ToString(CultureInfo.InvariantCulture),
                    Iso(c.CreatedAt), Iso(c.ExpiredAt));
            }
        }

        /// <summary>Coupon by coupon in the coupons' creation order, each coupon's redemptions in redemption order.</summary>
        public async Task Redemptions(CsvWriter csv)
        {
            await Header(csv, "id", "coupon_id", "code", "account_code", "subscription_id", "currency", "state", "inactive_reason", "periods_discounted",
                "discounted", "discounted_currency", "created_at", "ended_at");
            await foreach (var coupon in All(page => new PageCoupons(page)))
            {
                await foreach (var r in All(page => new PageCouponRedemptions(coupon.Id, null, page)))
                {
                    if (!Within(r.CreatedAt))
                    {
                        continue;
                    }

                    var total = r.TotalDiscounted.FirstOrDefault(a => a.Currency == r.Currency);
                    await Row(csv, r.Id, r.CouponId, r.Code, r.AccountCode, r.SubscriptionId, r.Currency, r.State, r.InactiveReason,
                        r.PeriodsDiscounted.ToString(CultureInfo.InvariantCulture), Major(total?.Amount ?? 0m), r.Currency, Iso(r.CreatedAt), Iso(r.EndedAt));
                }
            }
        }

        public async Task UniqueCodes(CsvWriter csv, string couponId)
        {
            await Header(csv, "code", "coupon_id", "state", "redemption_id", "created_at", "redeemed_at", "expired_at");
            await foreach (var code in All(page => new PageUniqueCodes(couponId, page)))
            {
                if (!Within(code.CreatedAt))
                {
                    continue;
                }

                await Row(csv, code.Code, code.CouponId, code.State, code.RedemptionId, Iso(code.CreatedAt), Iso(code.RedeemedAt), Iso(code.ExpiredAt));
            }
        }

        /// <summary>Invoices in number order, the date range read by the query itself (an empty range has no rows).</summary>
        public async Task Invoices(CsvWriter csv, string name)
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

            if (from >= to)
            {
                return;
            }

            await foreach (var invoice in All(page => new PageInvoices(page with { Created = Window })))
            {
                await InvoiceRows(csv, name, invoice);
            }
        }

        public async Task Conversions(CsvWriter csv)
        {
            await Header(csv, "id", "cid", "type", "status", "coupon_code", "external_id", "amount", "currency", "account_code", "subscription_id", "created_at");
            await foreach (var c in All(page => new PageConversions(page with { Created = Window })))
            {
                await Row(csv, c.Id, c.Cid, c.ConversionTypeCode, c.Status, c.CouponCode, c.ExternalId, c.Amount, c.Currency, c.AccountCode, c.SubscriptionId, Iso(c.CreatedAt));
            }
        }

        private CreatedRange? Window => CreatedRange.HalfOpen(from, to);

        private bool Within(DateTimeOffset instant) => Window?.Contains(instant) ?? true;
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

    private static async Task Header(CsvWriter csv, params string[] names) => await Row(csv, names);

    private static async Task Row(CsvWriter csv, params string?[] fields) =>
        await csv.WriteRecordAsync(fields.Select(f => f ?? string.Empty).ToArray(), CancellationToken.None);

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

/// <summary>Configuration of the CSV exports (<c>Billing:Exports</c>).</summary>
internal sealed class ExportOptions
{
    /// <summary>Rows read from the database per page while an export streams (1 to <see cref="PageRequest.MaxLimit"/>).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, PageRequest.MaxLimit)]
    public int PageSize { get; set; } = PageRequest.MaxLimit;
}
