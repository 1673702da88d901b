using Billing.Coupons.Contracts;
using Billing.Host.Dashboard;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard.Accounts;

/// <summary>
/// An account with its subscriptions, redemptions and invoices, each read with the API's page queries one page of
/// <see cref="Ui.PageSize"/> at a time, each table with its own cursor parameter and paging links.
/// </summary>
internal sealed class AccountsModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "subscriptions_cursor")]
    public string? SubscriptionsCursor { get; set; }

    [BindProperty(SupportsGet = true, Name = "redemptions_cursor")]
    public string? RedemptionsCursor { get; set; }

    [BindProperty(SupportsGet = true, Name = "invoices_cursor")]
    public string? InvoicesCursor { get; set; }

    public AccountDto? Account { get; private set; }

    public string? NotFoundMessage { get; private set; }

    public Page<SubscriptionDto> Subscriptions { get; private set; } = Page<SubscriptionDto>.Empty;

    public Page<RedemptionDto> Redemptions { get; private set; } = Page<RedemptionDto>.Empty;

    public Page<InvoiceDto> Invoices { get; private set; } = Page<InvoiceDto>.Empty;

    public Pager Pager<T>(string label, string parameter, Page<T> page) => Billing.Host.Dashboard.Pager.Of(Request, label, parameter, page);

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
        var subscriptions = await mediator.Send(new PageSubscriptions(new PageRequest(Ui.PageSize, SubscriptionsCursor), AccountCode: Account.Code), ct);
        var redemptions = await mediator.Send(new PageAccountRedemptions(Account.Code, null, new PageRequest(Ui.PageSize, RedemptionsCursor)), ct);
        var invoices = await mediator.Send(new PageInvoices(new PageRequest(Ui.PageSize, InvoicesCursor), AccountCode: Account.Code), ct);
        if (!subscriptions.IsSuccess || !redemptions.IsSuccess || !invoices.IsSuccess)
        {
            return BadRequest();
        }

        (Subscriptions, Redemptions, Invoices) = (subscriptions.Value, redemptions.Value, invoices.Value);
        return Page();
    }
}
