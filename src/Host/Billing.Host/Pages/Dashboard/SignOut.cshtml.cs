using Billing.Host.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard;

/// <summary>Removes the dashboard's auth cookie.</summary>
internal sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Dashboard/Coupons/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(DashboardSetup.CookieScheme);
        return LocalRedirect("/dashboard/sign-in");
    }
}
