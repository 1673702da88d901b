using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard;

/// <summary>A link to the jobs dashboard.</summary>
internal sealed class JobsModel : PageModel
{
    public void OnGet()
    {
    }
}
