using System.Globalization;
using Billing.Coupons.Contracts;
using Billing.Host.Dashboard;
using Billing.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard.Coupons;

/// <summary>C11: edits what may change after creation, with the API's UpdateCoupon; only the fields changed are sent.</summary>
internal sealed class EditModel(IMediator mediator) : PageModel
{
    public CouponDto Coupon { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? HostedPageDescription { get; set; }

    [BindProperty]
    public string? InvoiceDescription { get; set; }

    [BindProperty]
    public string? MaxRedemptions { get; set; }

    [BindProperty]
    public string? MaxRedemptionsPerAccount { get; set; }

    [BindProperty]
    public string? RedeemBy { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await Load(id, ct))
        {
            return NotFound();
        }

        Name = Coupon.Name;
        HostedPageDescription = Coupon.HostedPageDescription;
        InvoiceDescription = Coupon.InvoiceDescription;
        MaxRedemptions = Coupon.MaxRedemptions?.ToString(CultureInfo.InvariantCulture);
        MaxRedemptionsPerAccount = Coupon.MaxRedemptionsPerAccount?.ToString(CultureInfo.InvariantCulture);
        RedeemBy = Coupon.RedeemBy?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await Load(id, ct))
        {
            return NotFound();
        }

        var notNumbers = new Dictionary<string, string[]>();
        var command = new UpdateCoupon(
            id,
            Changed(Name ?? string.Empty, Coupon.Name),
            Changed(Blank(HostedPageDescription), Coupon.HostedPageDescription),
            Changed(Blank(InvoiceDescription), Coupon.InvoiceDescription),
            default,
            Changed(Int("max_redemptions", MaxRedemptions, notNumbers), Coupon.MaxRedemptions),
            Changed(Int("max_redemptions_per_account", MaxRedemptionsPerAccount, notNumbers), Coupon.MaxRedemptionsPerAccount),
            Changed(Instant(RedeemBy), Coupon.RedeemBy?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture)),
            []);
        if (notNumbers.Count > 0)
        {
            ModelState.AddErrors(Error.Validation(notNumbers));
            return Page();
        }

        var updated = await mediator.Send(command, ct);
        if (!updated.IsSuccess)
        {
            ModelState.AddErrors(updated.Error!);
            return Page();
        }

        TempData["Flash"] = "Coupon saved.";
        return Redirect($"/dashboard/coupons/{Uri.EscapeDataString(id)}");
    }

    private async Task<bool> Load(string id, CancellationToken ct)
    {
        var coupon = await mediator.Send(new GetCoupon(id), ct);
        if (coupon.IsSuccess)
        {
            Coupon = coupon.Value;
        }

        return coupon.IsSuccess;
    }

    private static Patch<T> Changed<T>(T value, T current) => EqualityComparer<T>.Default.Equals(value, current) ? default : new Patch<T>(value);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Instant(string? local) =>
        string.IsNullOrWhiteSpace(local) ? null
        : DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant.ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture)
            : local;

    private static int? Int(string field, string? text, Dictionary<string, string[]> notNumbers)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        notNumbers[field] = [$"{field} must be a whole number."];
        return null;
    }
}
