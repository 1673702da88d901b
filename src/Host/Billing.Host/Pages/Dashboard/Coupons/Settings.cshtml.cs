using Billing.Coupons.Contracts;
using Billing.Host.Dashboard;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard.Coupons;

/// <summary>C17: the coupon settings, read with GetCouponSettings and changed with UpdateCouponSettings.</summary>
internal sealed class SettingsModel(IMediator mediator) : PageModel
{
    public CouponSettingsDto Settings { get; private set; } = null!;

    [BindProperty]
    public bool MultipleCouponsPerAccount { get; set; }

    [BindProperty]
    public bool OneTimeChargesDiscountable { get; set; }

    [BindProperty]
    public string? StackingOrder { get; set; }

    [BindProperty]
    public string? PercentMode { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Settings = (await mediator.Send(new GetCouponSettings(), ct)).Value;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var updated = await mediator.Send(new UpdateCouponSettings(MultipleCouponsPerAccount, OneTimeChargesDiscountable, StackingOrder, PercentMode, TimeZone), ct);
        if (!updated.IsSuccess)
        {
            ModelState.AddErrors(updated.Error!);
            Settings = new CouponSettingsDto(MultipleCouponsPerAccount, OneTimeChargesDiscountable, StackingOrder ?? string.Empty, PercentMode ?? string.Empty, TimeZone ?? string.Empty);
            return Page();
        }

        TempData["Flash"] = "Settings saved.";
        return Redirect("/dashboard/coupons/settings");
    }
}
