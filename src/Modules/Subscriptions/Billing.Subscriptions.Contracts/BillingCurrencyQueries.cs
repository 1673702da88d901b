using Billing.SharedKernel;

namespace Billing.Subscriptions.Contracts;

/// <summary>
/// The currencies an account's live subscriptions (in trial or active) bill in, each once, in ordinal order; empty
/// when it has none. Coupons asks it before an account-level redemption (R1: a redemption is in a currency it can
/// discount).
/// </summary>
public sealed record GetAccountBillingCurrencies(string AccountCode) : IQuery<IReadOnlyList<string>>;
