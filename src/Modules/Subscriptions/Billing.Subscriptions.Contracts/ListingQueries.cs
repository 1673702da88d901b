using Billing.SharedKernel;

namespace Billing.Subscriptions.Contracts;

/// <summary>Every account, oldest first (created_at, then code).</summary>
public sealed record ListAccounts : IQuery<IReadOnlyList<AccountDto>>;

/// <summary>
/// Subscriptions, oldest first (created_at, then id); with <paramref name="AccountCode"/>, that account's only
/// (refused with <c>account_not_found</c> when it does not exist).
/// </summary>
public sealed record ListSubscriptions(string? AccountCode) : IQuery<IReadOnlyList<SubscriptionDto>>;
