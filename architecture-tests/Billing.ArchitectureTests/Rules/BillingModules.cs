using System.Reflection;
using Billing.BuildingBlocks.Outbox;
using Billing.Coupons;
using Billing.Invoicing;
using Billing.Payments;
using Billing.Subscriptions;
using Billing.Tracking;
using Billing.Webhooks;

namespace Billing.ArchitectureTests.Rules;

/// <summary>A module of the solution, found through its public registration class and one of its contracts.</summary>
internal sealed record BillingModule(string Name, Type Registration, Type Contract)
{
    public string RootNamespace => Registration.Namespace!;

    public string DomainNamespace => $"{RootNamespace}.Domain";

    public string RegistrationFullName => Registration.FullName!;

    public string ImplementationAssemblyName => Implementation.GetName().Name!;

    public Assembly Implementation => Registration.Assembly;

    public Assembly Contracts => Contract.Assembly;
}

/// <summary>The real assemblies the rules check: the six modules and the host.</summary>
internal static class BillingModules
{
    public static IReadOnlyList<BillingModule> All { get; } =
    [
        new("Coupons", typeof(CouponsModule), typeof(Coupons.Contracts.CreateCoupon)),
        new("Subscriptions", typeof(SubscriptionsModule), typeof(Subscriptions.Contracts.CreatePlan)),
        new("Invoicing", typeof(InvoicingModule), typeof(Invoicing.Contracts.GenerateInvoice)),
        new("Tracking", typeof(TrackingModule), typeof(Tracking.Contracts.CreateConversionType)),
        new("Payments", typeof(PaymentsModule), typeof(Payments.Contracts.SetPaymentMethod)),
        new("Webhooks", typeof(WebhooksModule), typeof(Webhooks.Contracts.CreateWebhookEndpoint)),
    ];

    public static Assembly Host => typeof(Program).Assembly;

    public static Assembly BuildingBlocks => typeof(OutboxMessage).Assembly;

    public static IReadOnlyList<string> ImplementationAssemblyNames => [.. All.Select(module => module.ImplementationAssemblyName)];

    public static IReadOnlyList<string> RootNamespaces => [.. All.Select(module => module.RootNamespace)];

    public static TheoryData<string> Names => [.. All.Select(module => module.Name)];

    public static BillingModule Named(string name) => All.Single(module => module.Name == name);
}
