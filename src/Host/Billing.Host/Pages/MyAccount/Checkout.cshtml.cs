using Billing.Host.Checkout;
using Billing.Host.MyAccount;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.MyAccount;

/// <summary>
/// K1 + K5: the proof a returning customer buys with. The public checkout knows no one by a typed email; this page, behind
/// the session of a My Account link, sends the session's customer to the checkout of the offering asked for with a signed,
/// expiring <c>account_token</c> of its own purpose (it opens no My Account), with which the checkout uses the account's
/// credit (P5), tax rate and details. Without a session the customer is sent to open their link first.
/// </summary>
internal sealed class CheckoutModel(PortalLinks links) : PageModel
{
    public IActionResult OnGet(
        [FromQuery(Name = "offering_id")] string? offeringId,
        [FromQuery(Name = "currency")] string? currency,
        [FromQuery(Name = "coupon_code")] string? couponCode,
        [FromQuery(Name = "show_coupon_field")] string? showCouponField)
    {
        var (token, _) = links.Create(MyAccountSetup.AccountOf(User), LinkPurpose.Checkout);
        return LocalRedirect(CheckoutSetup.Url(CheckoutSetup.Path, offeringId, currency, couponCode, showCouponField, token));
    }
}
