using Billing.ArchitectureTests.Rules;

namespace Billing.ArchitectureTests;

/// <summary>
/// Issue 20: the Recurly-compatible layer (Billing.Host.Recurly) only translates: it reaches the modules through their
/// Contracts (MediatR commands and queries), never their implementation or the building blocks, nor the /api endpoints.
/// </summary>
public sealed class RecurlyLayerRules
{
    private static IEnumerable<string> Forbidden =>
        [.. ArchitectureRules.ImplementationNamespaces(BillingModules.RootNamespaces), "Billing.BuildingBlocks", "Billing.Host.Endpoints"];

    [Fact]
    public void The_recurly_layer_depends_on_module_contracts_only()
    {
        var result = ArchitectureRules.RecurlyLayerUsesContractsOnly(BillingModules.Host, Forbidden);

        RuleAssert.Holds(result);
        Assert.Contains("Billing.Host.Recurly.RecurlyApi", result.CheckedNames);
    }

    [Fact]
    public void The_recurly_rule_fails_for_a_layer_that_uses_a_forbidden_namespace()
    {
        var result = ArchitectureRules.RecurlyLayerUsesContractsOnly(BillingModules.Host, ["Billing.Coupons.Contracts"]);

        RuleAssert.FailsNaming(result, "Billing.Host.Recurly.RecurlyCoupons");
        RuleAssert.Reports(result, "Billing.Host.Recurly.RecurlyCoupons", "depends on Billing.Coupons.Contracts");
    }
}
