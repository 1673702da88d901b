using Billing.Coupons.Contracts;
using Billing.Host.Dashboard;
using Billing.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard.Coupons;

/// <summary>
/// D1: the Redeemable and Expired tables, newest first, read one keyset page at a time through the API's own page
/// query (PageCoupons): the tab is its state filter, the search box its code-or-name search and the discount select its
/// discount-type filter, all applied in the database (issue 17).
/// </summary>
internal sealed class CouponsModel(IMediator mediator) : PageModel
{
    /// <summary>The discount select's choices: its wire value and its label.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> DiscountTypes =
        [("percent", "Percent off"), ("fixed", "Fixed amount off"), ("free_trial", "Free trial")];

    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = "redeemable";

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Discount { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<CouponDto> Coupons { get; private set; } = Page<CouponDto>.Empty;

    public Pager Pager => Billing.Host.Dashboard.Pager.Of(Request, "Coupons", "cursor", Coupons);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        State = State is "expired" ? "expired" : "redeemable";
        Discount = DiscountTypes.Any(d => d.Value == Discount) ? Discount : null;
        var page = await mediator.Send(new PageCoupons(new PageRequest(Ui.PageSize, Cursor, Reversed: true), State: State, Q: Q, DiscountType: Discount), ct);
        if (!page.IsSuccess)
        {
            return BadRequest();
        }

        Coupons = page.Value;
        return Page();
    }

    /// <summary>This list's address on the <paramref name="state"/> tab, with the search and discount filter kept.</summary>
    public string Tab(string state) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            "/dashboard/coupons",
            new Dictionary<string, string?> { ["state"] = state, ["q"] = Q, ["discount"] = Discount }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
