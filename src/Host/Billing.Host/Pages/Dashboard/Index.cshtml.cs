using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard;

/// <summary>The dashboard opens on the coupons (D1).</summary>
internal sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Dashboard/Coupons/Index");
}
