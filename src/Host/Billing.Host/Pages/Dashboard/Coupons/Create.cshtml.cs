using Billing.Host.Dashboard;
using Billing.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard.Coupons;

/// <summary>D1: creates a coupon with the API's CreateCoupon command; its validation messages are shown next to their fields.</summary>
internal sealed class CreateModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public CouponForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var command = Form.ToCommand();
        if (Form.NotNumbers.Count > 0)
        {
            ModelState.AddErrors(Error.Validation(Form.NotNumbers.ToDictionary(e => e.Key, e => new[] { e.Value })));
            return Page();
        }

        var created = await mediator.Send(command, ct);
        if (!created.IsSuccess)
        {
            ModelState.AddErrors(created.Error!);
            return Page();
        }

        TempData["Flash"] = $"Coupon {created.Value.Code} created.";
        return Redirect($"/dashboard/coupons/{Uri.EscapeDataString(created.Value.Id)}");
    }
}
