using System.Text.Json;
using Billing.Coupons.Contracts;
using Billing.Invoicing.Contracts;
using Billing.SharedKernel;
using Billing.Subscriptions.Contracts;
using Billing.Tracking.Contracts;

namespace Billing.Webhooks.Application.WebhookEvents;

/// <summary>One webhook event type: its name, the integration event it comes from, the resource it is about and its <c>data</c>.</summary>
internal sealed record WebhookEventType(string Name, Type IntegrationEvent, Func<IIntegrationEvent, (string Resource, object Data)> Describe);

/// <summary>
/// Every integration event the modules publish, as a versioned webhook payload (api_version <see cref="ApiVersion"/>):
/// <c>{id, type, api_version, created_at, data}</c>, snake_case, amounts in major units as the API gives them. A
/// change that removes or retypes a field of <c>data</c> is a new api_version; new fields may be added within one.
/// The README's webhook section documents each type.
/// </summary>
internal static class WebhookEventCatalog
{
    public const string ApiVersion = "v1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IReadOnlyList<WebhookEventType> All { get; } =
    [
        Of<CouponCreated>("coupon.created", e => ($"coupon:{e.CouponId}", new CouponCreatedData(e.CouponId, e.Code, e.Name, e.CouponType))),
        Of<SubscriptionCreated>("subscription.created", e => Subscription(e.Subscription)),
        Of<SubscriptionCanceled>("subscription.canceled", e => Subscription(e.Subscription)),
        Of<SubscriptionReactivated>("subscription.reactivated", e => Subscription(e.Subscription)),
        Of<SubscriptionRenewed>("subscription.renewed", e => ($"subscription:{e.Subscription.SubscriptionId}", new SubscriptionRenewedData(SubscriptionDataOf(e.Subscription), e.InvoiceNumber))),
        Of<SubscriptionExpired>("subscription.expired", e => ($"subscription:{e.Subscription.SubscriptionId}", new SubscriptionExpiredData(SubscriptionDataOf(e.Subscription), e.Reason))),
        Of<SubscriptionChanged>("subscription.changed", e => ($"subscription:{e.Subscription.SubscriptionId}", new SubscriptionChangedData(SubscriptionDataOf(e.Subscription), e.PreviousPlanCode, e.PreviousQuantity))),
        Of<CouponExpired>("coupon.expired", e => Coupon(e.Coupon)),
        Of<CouponRestored>("coupon.restored", e => Coupon(e.Coupon)),
        Of<CouponUpdated>("coupon.updated", e => Coupon(e.Coupon)),
        Of<CouponRedeemed>("redemption.created", e => ($"redemption:{e.RedemptionId}", new RedemptionCreated(e.RedemptionId, e.CouponId, e.CouponCode, e.AccountCode, e.SubscriptionId, e.Currency))),
        Of<CouponRedeemConversionRecorded>("conversion.created", e => ($"conversion:{e.ConversionId}", new ConversionCreated(e.ConversionId, "couponredeem", e.Cid, e.RedemptionId))),
        Of<InvoiceIssued>("invoice.issued", e => (Invoice(e.InvoiceNumber), new InvoiceIssuedData(
            e.InvoiceNumber, e.AccountCode, e.SubscriptionId, e.Currency, Major(e.TotalMinor, e.Currency), e.PeriodStart, e.PeriodEnd,
            [.. e.Discounts.Select(d => new DiscountData(d.RedemptionId, Major(d.AmountMinor, e.Currency)))]))),
        Of<InvoicePaid>("invoice.paid", e => (Invoice(e.InvoiceNumber), new InvoicePaidData(
            e.InvoiceNumber, e.AccountCode, e.SubscriptionId, e.Currency, Major(e.TotalMinor, e.Currency), Major(e.AmountPaidMinor, e.Currency), e.IssuedAt))),
        Of<InvoicePastDue>("invoice.past_due", e => (Invoice(e.InvoiceNumber), new InvoiceStateData(e.InvoiceNumber, e.AccountCode, e.SubscriptionId))),
        Of<InvoiceFailed>("invoice.failed", e => (Invoice(e.InvoiceNumber), new InvoiceStateData(e.InvoiceNumber, e.AccountCode, e.SubscriptionId))),
        Of<InvoiceVoided>("invoice.voided", e => (Invoice(e.InvoiceNumber), new InvoiceStateData(e.InvoiceNumber, e.AccountCode, e.SubscriptionId))),
        Of<InvoiceRefunded>("invoice.refunded", e => (Invoice(e.InvoiceNumber), new InvoiceRefundedData(
            e.InvoiceNumber, e.CreditNoteNumber, e.AccountCode, e.SubscriptionId, e.Currency, Major(e.AmountMinor, e.Currency), e.To, e.FullyRefunded))),
        Of<CreditApplied>("credit.applied", e => (Invoice(e.InvoiceNumber), new CreditAppliedData(
            e.InvoiceNumber, e.AccountCode, e.Currency, Major(e.AmountMinor, e.Currency), Major(e.BalanceAfterMinor, e.Currency)))),
    ];

    public static IReadOnlySet<string> Names { get; } = All.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    public static WebhookEventType For(Type integrationEvent) => All.Single(t => t.IntegrationEvent == integrationEvent);

    private static WebhookEventType Of<TEvent>(string name, Func<TEvent, (string, object)> describe)
        where TEvent : IIntegrationEvent =>
        new(name, typeof(TEvent), e => describe((TEvent)e));

    private static string Invoice(long number) => $"invoice:{number}";

    private static (string, object) Subscription(SubscriptionSnapshot s) => ($"subscription:{s.SubscriptionId}", SubscriptionDataOf(s));

    private static SubscriptionData SubscriptionDataOf(SubscriptionSnapshot s) => new(
        s.SubscriptionId, s.AccountCode, s.PlanCode, s.Currency, s.Quantity, s.State, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.ExpiresAt);

    private static (string, object) Coupon(CouponSnapshot c) => ($"coupon:{c.CouponId}", new CouponData(
        c.CouponId, c.Code, c.Name, c.CouponType, c.State, c.RedeemBy, c.MaxRedemptions, c.MaxRedemptionsPerAccount, c.ExpireReason));

    private static decimal Major(long minor, string currency) => new Money(minor, Currency.Of(currency)).ToMajor();

    private sealed record CouponCreatedData(string CouponId, string Code, string Name, string CouponType);

    private sealed record SubscriptionData(
        string SubscriptionId, string AccountCode, string PlanCode, string Currency, int Quantity, string State,
        DateTimeOffset CurrentPeriodStart, DateTimeOffset CurrentPeriodEnd, DateTimeOffset? ExpiresAt);

    /// <summary>A subscription's fields and what the event adds, flattened into one <c>data</c> object.</summary>
    private sealed record SubscriptionRenewedData(
        string SubscriptionId, string AccountCode, string PlanCode, string Currency, int Quantity, string State,
        DateTimeOffset CurrentPeriodStart, DateTimeOffset CurrentPeriodEnd, DateTimeOffset? ExpiresAt, long InvoiceNumber)
    {
        public SubscriptionRenewedData(SubscriptionData s, long invoiceNumber)
            : this(s.SubscriptionId, s.AccountCode, s.PlanCode, s.Currency, s.Quantity, s.State, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.ExpiresAt, invoiceNumber)
        {
        }
    }

    private sealed record SubscriptionExpiredData(
        string SubscriptionId, string AccountCode, string PlanCode, string Currency, int Quantity, string State,
        DateTimeOffset CurrentPeriodStart, DateTimeOffset CurrentPeriodEnd, DateTimeOffset? ExpiresAt, string ExpireReason)
    {
        public SubscriptionExpiredData(SubscriptionData s, string reason)
            : this(s.SubscriptionId, s.AccountCode, s.PlanCode, s.Currency, s.Quantity, s.State, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.ExpiresAt, reason)
        {
        }
    }

    private sealed record SubscriptionChangedData(
        string SubscriptionId, string AccountCode, string PlanCode, string Currency, int Quantity, string State,
        DateTimeOffset CurrentPeriodStart, DateTimeOffset CurrentPeriodEnd, DateTimeOffset? ExpiresAt, string PreviousPlanCode, int PreviousQuantity)
    {
        public SubscriptionChangedData(SubscriptionData s, string previousPlanCode, int previousQuantity)
            : this(s.SubscriptionId, s.AccountCode, s.PlanCode, s.Currency, s.Quantity, s.State, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.ExpiresAt, previousPlanCode, previousQuantity)
        {
        }
    }

    private sealed record CouponData(
        string CouponId, string Code, string Name, string CouponType, string State, DateTimeOffset? RedeemBy, int? MaxRedemptions,
        int? MaxRedemptionsPerAccount, string? ExpireReason);

    private sealed record RedemptionCreated(string RedemptionId, string CouponId, string CouponCode, string AccountCode, string? SubscriptionId, string Currency);

    private sealed record ConversionCreated(string ConversionId, string ConversionType, string Cid, string RedemptionId);

    private sealed record DiscountData(string RedemptionId, decimal Amount);

    private sealed record InvoiceIssuedData(
        long InvoiceNumber, string AccountCode, string? SubscriptionId, string Currency, decimal Total, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd, IReadOnlyList<DiscountData> Discounts);

    private sealed record InvoicePaidData(long InvoiceNumber, string AccountCode, string? SubscriptionId, string Currency, decimal Total, decimal AmountPaid, DateTimeOffset IssuedAt);

    private sealed record InvoiceStateData(long InvoiceNumber, string AccountCode, string? SubscriptionId);

    private sealed record InvoiceRefundedData(
        long InvoiceNumber, long CreditNoteNumber, string AccountCode, string? SubscriptionId, string Currency, decimal Amount, string RefundedTo, bool FullyRefunded);

    private sealed record CreditAppliedData(long InvoiceNumber, string AccountCode, string Currency, decimal Amount, decimal BalanceAfter);
}
