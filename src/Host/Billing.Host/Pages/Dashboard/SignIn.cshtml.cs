using Billing.Host.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard;

/// <summary>Exchanges an admin or business token for the dashboard's auth cookie.</summary>
internal sealed class SignInModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Token { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var principal = DashboardSetup.PrincipalFor(Token ?? string.Empty, HttpContext.Tokens().CurrentValue);
        if (principal is null)
        {
            ModelState.AddModelError("token", "This token is neither an admin nor a business token.");
            return Page();
        }

        await HttpContext.SignInAsync(DashboardSetup.CookieScheme, principal);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/dashboard/coupons");
    }
}
