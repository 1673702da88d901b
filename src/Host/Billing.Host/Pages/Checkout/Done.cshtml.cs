using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Checkout;

/// <summary>
/// K3: the default onboarding page (<c>Billing:Checkout:OnboardingUrl</c>): the subscription just bought, or the invoice
/// number of a one-time package (S7). Invoice numbers are sequential (I1), so the page only repeats the number it was
/// given and reads no invoice: it shows nobody another customer's purchase.
/// </summary>
internal sealed class DoneModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "subscription_id")]
    public string? SubscriptionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "invoice_number")]
    public long? InvoiceNumber { get; set; }

    public SubscriptionDto? Subscription { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (InvoiceNumber is > 0 && SubscriptionId is null)
        {
            return Page();
        }

        if (!string.IsNullOrWhiteSpace(SubscriptionId) && await mediator.Send(new GetSubscription(SubscriptionId), ct) is { IsSuccess: true } subscription)
        {
            Subscription = subscription.Value;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
