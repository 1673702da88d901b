using Billing.ArchitectureTests.Rules;

namespace Billing.ArchitectureTests;

/// <summary>
/// Rule (h), issue 17: the dashboard's pages send the same commands and queries as the API, so they use the modules'
/// Contracts only, never a type of a module's Application, Domain or Infrastructure (no second business logic).
/// </summary>
public sealed class DashboardRules
{
    [Fact]
    public void The_dashboard_pages_depend_on_no_module_implementation_only_on_Contracts()
    {
        var result = ArchitectureRules.DashboardUsesContractsOnly(BillingModules.Host, ArchitectureRules.ImplementationNamespaces(BillingModules.RootNamespaces));

        RuleAssert.Holds(result);
        Assert.Contains("Billing.Host.Pages.Dashboard.Coupons.OverviewModel", result.CheckedNames);
        Assert.Contains("Billing.Host.Pages.Checkout.IndexModel", result.CheckedNames);
        Assert.Contains("Billing.Host.Checkout.CheckoutSetup", result.CheckedNames);
        Assert.Contains("Billing.Host.Pages.MyAccount.IndexModel", result.CheckedNames);
        Assert.Contains("Billing.Host.MyAccount.CouponRemaining", result.CheckedNames);
    }

    [Fact]
    public void The_dashboard_rule_fails_for_pages_that_use_a_forbidden_namespace()
    {
        var result = ArchitectureRules.DashboardUsesContractsOnly(BillingModules.Host, ["Billing.Coupons.Contracts"]);

        RuleAssert.FailsNaming(result, "Billing.Host.Pages.Dashboard.Coupons.OverviewModel");
        RuleAssert.Reports(result, "Billing.Host.Pages.Dashboard.Coupons.OverviewModel", "depends on Billing.Coupons.Contracts");
        RuleAssert.FailsNaming(result, "Billing.Host.Pages.MyAccount.IndexModel");
        RuleAssert.FailsNaming(result, "Billing.Host.MyAccount.CouponRemaining");
    }

    [Fact]
    public void The_dashboard_rule_fails_for_checkout_pages_and_glue_that_use_a_forbidden_namespace_issue_18()
    {
        var result = ArchitectureRules.DashboardUsesContractsOnly(BillingModules.Host, ["Billing.Payments.Contracts", "Billing.Invoicing.Contracts"]);

        RuleAssert.FailsNaming(result, "Billing.Host.Pages.Checkout.IndexModel", "Billing.Host.Checkout.CheckoutPrice");
        RuleAssert.Reports(result, "Billing.Host.Pages.Checkout.IndexModel", "depends on Billing.Payments.Contracts");
        RuleAssert.Reports(result, "Billing.Host.Checkout.CheckoutPrice", "depends on Billing.Invoicing.Contracts");
    }
}
