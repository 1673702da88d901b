using Billing.Coupons.Contracts;
using Billing.Host.Dashboard;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard.Coupons;

/// <summary>D1: the Redeemable and Expired tables, searched by code and name (the API's ListCoupons) and by the discount's label.</summary>
internal sealed class CouponsModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = "redeemable";

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CouponDto> Coupons { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        State = State is "expired" ? "expired" : "redeemable";
        var all = await mediator.Send(new ListCoupons(State, null), ct);
        if (!all.IsSuccess)
        {
            return BadRequest();
        }

        IEnumerable<CouponDto> found = all.Value;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var byCodeOrName = await mediator.Send(new ListCoupons(State, Q), ct);
            var ids = byCodeOrName.IsSuccess ? byCodeOrName.Value.Select(c => c.Id).ToHashSet(StringComparer.Ordinal) : [];
            string q = Q.Trim();
            found = found.Where(c => ids.Contains(c.Id) || Ui.Discount(c.Discount).Contains(q, StringComparison.OrdinalIgnoreCase));
        }

        var list = found.Reverse().ToList();
        Total = list.Count;
        PageCount = Math.Max(1, (Total + Ui.PageSize - 1) / Ui.PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Coupons = list.Skip((PageNumber - 1) * Ui.PageSize).Take(Ui.PageSize).ToList();
        return Page();
    }
}
