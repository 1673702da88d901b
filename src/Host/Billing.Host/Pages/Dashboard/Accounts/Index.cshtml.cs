using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard.Accounts;

/// <summary>An account with its subscriptions, redemptions and invoices, each read with the API's queries.</summary>
internal sealed class AccountsModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public AccountDto? Account { get; private set; }

    public string? NotFoundMessage { get; private set; }

    public IReadOnlyList<SubscriptionDto> Subscriptions { get; private set; } = [];

    public IReadOnlyList<RedemptionDto> Redemptions { get; private set; } = [];

    public IReadOnlyList<InvoiceDto> Invoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }

        var account = await mediator.Send(new GetAccount(Code.Trim()), ct);
        if (!account.IsSuccess)
        {
            NotFoundMessage = account.Error!.Message;
            return Page();
        }

        Account = account.Value;
        var redemptions = await mediator.Send(new ListAccountRedemptions(Account.Code), ct);
        Redemptions = redemptions.IsSuccess ? redemptions.Value : [];
        var invoices = await mediator.Send(new ListInvoices(Account.Code, null), ct);
        Invoices = invoices.IsSuccess ? invoices.Value : [];
        var subscriptions = new List<SubscriptionDto>();
        foreach (string id in Invoices.Select(i => i.SubscriptionId).Concat(Redemptions.Select(r => r.SubscriptionId)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var subscription = await mediator.Send(new GetSubscription(id), ct);
            if (subscription.IsSuccess)
            {
                subscriptions.Add(subscription.Value);
            }
        }

        Subscriptions = subscriptions;
        return Page();
    }
}
