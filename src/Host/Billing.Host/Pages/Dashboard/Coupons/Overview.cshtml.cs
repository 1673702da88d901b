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

    public IReadOnlyList<RedemptionDto> Redemptions { get; private set; } = [];

    public IReadOnlyList<UniqueCodeDto> Codes { get; private set; } = [];

    public IReadOnlyList<CurrencyAmount> TotalDiscounted { get; private set; } = [];

    /// <summary>Redemptions per UTC day, as the chart's JSON: <c>{"labels": [...], "counts": [...]}</c>.</summary>
    public string ChartJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var coupon = await mediator.Send(new GetCoupon(id), ct);
        if (!coupon.IsSuccess)
        {
            return NotFound();
        }

        Coupon = coupon.Value;
        var redemptions = await mediator.Send(new ListCouponRedemptions(id), ct);
        Redemptions = redemptions.IsSuccess ? redemptions.Value : [];
        if (Coupon.CouponType == "bulk")
        {
            var codes = await mediator.Send(new ListUniqueCodes(id, null, 200), ct);
            Codes = codes.IsSuccess ? codes.Value : [];
        }

        TotalDiscounted = Redemptions.SelectMany(r => r.TotalDiscounted)
            .GroupBy(a => a.Currency, StringComparer.Ordinal)
            .Select(g => new CurrencyAmount(g.Key, g.Sum(a => a.Amount)))
            .OrderBy(a => a.Currency, StringComparer.Ordinal)
            .ToList();
        var perDay = Redemptions.GroupBy(r => DateOnly.FromDateTime(r.CreatedAt.UtcDateTime)).OrderBy(g => g.Key).ToList();
        ChartJson = JsonSerializer.Serialize(new
        {
            labels = perDay.Select(g => g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            counts = perDay.Select(g => g.Count()),
        });
        return Page();
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
