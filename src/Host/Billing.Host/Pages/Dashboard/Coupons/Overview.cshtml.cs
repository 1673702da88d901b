using System.Globalization;
using System.Text.Json;
using Billing.Coupons.Contracts;
using Billing.Host.Dashboard;
using Billing.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard.Coupons;

/// <summary>
/// D2: a coupon's terms, counts, total discounted per currency, redemptions over time, its redemptions and unique
/// codes; expire early and restore (C12, C14), generate codes (C16). Every change is the API's command.
/// </summary>
internal sealed class OverviewModel(IMediator mediator) : PageModel
{
    public CouponDto Coupon { get; private set; } = null!;

    /// <summary>One page of the coupon's redemptions (the <c>redemptions_cursor</c> parameter).</summary>
    public Page<RedemptionDto> Redemptions { get; private set; } = Page<RedemptionDto>.Empty;

    /// <summary>One page of a bulk coupon's codes (the <c>codes_cursor</c> parameter): every code is reachable page by page.</summary>
    public Page<UniqueCodeDto> Codes { get; private set; } = Page<UniqueCodeDto>.Empty;

    [BindProperty(SupportsGet = true, Name = "redemptions_cursor")]
    public string? RedemptionsCursor { get; set; }

    [BindProperty(SupportsGet = true, Name = "codes_cursor")]
    public string? CodesCursor { get; set; }

    public int ActiveCount { get; private set; }

    public int EndedCount { get; private set; }

    public IReadOnlyList<CurrencyAmount> TotalDiscounted { get; private set; } = [];

    /// <summary>Redemptions per UTC day, as the chart's JSON: <c>{"labels": [...], "counts": [...]}</c>.</summary>
    public string ChartJson { get; private set; } = "{}";

    public Pager Pager<T>(string label, string parameter, Page<T> page) => Billing.Host.Dashboard.Pager.Of(Request, label, parameter, page);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var coupon = await mediator.Send(new GetCoupon(id), ct);
        if (!coupon.IsSuccess)
        {
            return NotFound();
        }

        Coupon = coupon.Value;
        var redemptions = await mediator.Send(new PageCouponRedemptions(id, null, new PageRequest(Ui.PageSize, RedemptionsCursor)), ct);
        if (!redemptions.IsSuccess)
        {
            return BadRequest();
        }

        Redemptions = redemptions.Value;
        if (Coupon.CouponType == "bulk")
        {
            var codes = await mediator.Send(new PageUniqueCodes(id, new PageRequest(Ui.PageSize, CodesCursor)), ct);
            if (!codes.IsSuccess)
            {
                return BadRequest();
            }

            Codes = codes.Value;
        }

        await SummarizeAsync(id, ct);
        return Page();
    }

    /// <summary>D2's counts, totals and chart over every redemption, read page by page (only the sums are held).</summary>
    private async Task SummarizeAsync(string id, CancellationToken ct)
    {
        var totals = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var perDay = new SortedDictionary<DateOnly, int>();
        await foreach (var r in mediator.AllAsync(page => new PageCouponRedemptions(id, null, page), PageRequest.MaxLimit, ct))
        {
            if (r.State == "active")
            {
                ActiveCount++;
            }
            else
            {
                EndedCount++;
            }

            foreach (var amount in r.TotalDiscounted)
            {
                totals[amount.Currency] = totals.GetValueOrDefault(amount.Currency) + amount.Amount;
            }

            var day = DateOnly.FromDateTime(r.CreatedAt.UtcDateTime);
            perDay[day] = perDay.GetValueOrDefault(day) + 1;
        }

        TotalDiscounted = [.. totals.Select(t => new CurrencyAmount(t.Key, t.Value))];
        ChartJson = JsonSerializer.Serialize(new
        {
            labels = perDay.Keys.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            counts = perDay.Values,
        });
    }

    public Task<IActionResult> OnPostExpireAsync(string id, CancellationToken ct) =>
        Change(id, mediator.Send(new ExpireCoupon(id), ct), "Coupon expired.");

    public Task<IActionResult> OnPostRestoreAsync(string id, string? redeemBy, int? maxRedemptions, CancellationToken ct) =>
        Change(id, mediator.Send(new RestoreCoupon(id, string.IsNullOrWhiteSpace(redeemBy) ? null : redeemBy, maxRedemptions), ct), "Coupon restored.");

    public async Task<IActionResult> OnPostGenerateAsync(string id, int count, CancellationToken ct)
    {
        var generated = await mediator.Send(new GenerateUniqueCodes(id, count), ct);
        return Done(id, generated.IsSuccess ? null : generated.Error, $"{(generated.IsSuccess ? generated.Value.Count : 0)} codes generated.");
    }

    public async Task<IActionResult> OnPostExpireCodeAsync(string id, string code, CancellationToken ct)
    {
        var expired = await mediator.Send(new ExpireUniqueCode(id, code), ct);
        return Done(id, expired.IsSuccess ? null : expired.Error, $"Code {code} expired.");
    }

    public async Task<IActionResult> OnPostRestoreCodeAsync(string id, string code, CancellationToken ct)
    {
        var restored = await mediator.Send(new RestoreUniqueCode(id, code), ct);
        return Done(id, restored.IsSuccess ? null : restored.Error, $"Code {code} restored.");
    }

    private async Task<IActionResult> Change(string id, Task<Result<CouponDto>> send, string flash)
    {
        var result = await send;
        return Done(id, result.IsSuccess ? null : result.Error, flash);
    }

    private RedirectResult Done(string id, Error? error, string flash)
    {
        TempData["Flash"] = error is null ? flash : $"Refused: {error.Message}";
        return Redirect($"/dashboard/coupons/{Uri.EscapeDataString(id)}");
    }
}
