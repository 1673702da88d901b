using Billing.SharedKernel;

namespace Billing.Subscriptions.Contracts;

/// <summary>
/// The HTTP list of accounts (issue 16), one page at a time in creation order: narrowed by <paramref name="Email"/>
/// (exact, ignoring case), <paramref name="Country"/> (ISO 3166-1 alpha-2) and the page's creation window
/// (<see cref="PageRequest.Created"/>). Accounts in a list carry no credit balances.
/// </summary>
public sealed record PageAccounts(string? Email, string? Country, PageRequest Page) : IQuery<Page<AccountDto>>;

/// <summary>
/// The HTTP list of subscriptions (issue 16), one page at a time in creation order: narrowed by account (refused with
/// <c>account_not_found</c> when it does not exist), <paramref name="State"/>, <paramref name="AnyState"/> (one of
/// these states; Recurly's <c>live</c> and <c>active</c> are several of Billing's) and plan (<c>plan_not_found</c>).
/// </summary>
public sealed record PageSubscriptions(PageRequest Page, string? AccountCode = null, string? State = null, string? PlanCode = null, IReadOnlyList<string>? AnyState = null) : IQuery<Page<SubscriptionDto>>;
