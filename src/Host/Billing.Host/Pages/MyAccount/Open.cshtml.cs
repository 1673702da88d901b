using Billing.Host.MyAccount;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.MyAccount;

/// <summary>
/// K5: opens a signed link: a valid one replaces any session with one for its account and leaves the token out of
/// the address bar; an expired, tampered or missing one is refused with 401 and opens nothing.
/// </summary>
internal sealed class OpenModel(PortalLinks links, IMediator mediator) : PageModel
{
    /// <summary><c>expired</c>, <c>invalid</c>, or null when no link was presented.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        var check = links.Check(token, LinkPurpose.MyAccount, out string accountCode);
        if (check == LinkCheck.Valid && (await mediator.Send(new GetAccount(accountCode), ct)).IsSuccess)
        {
            await HttpContext.SignInAsync(MyAccountSetup.CookieScheme, MyAccountSetup.PrincipalFor(accountCode));
            return LocalRedirect("/my-account");
        }

        await HttpContext.SignOutAsync(MyAccountSetup.CookieScheme);
        Refusal = token is null ? null : check == LinkCheck.Expired ? "expired" : "invalid";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
