using Billing.ArchitectureTests.Fluent;
using Billing.ArchitectureTests.Rules;

namespace Billing.ArchitectureTests;

/// <summary>
/// Rule (g), issue 17: the dashboard's pages send the same commands and queries as the API, so they use the modules'
/// Contracts only, never a type of a module implementation assembly (no second business logic).
/// </summary>
public sealed class DashboardRules
{
    private static ArchitectureResult PagesUseContractsOnly(string hostPath, IEnumerable<string> implementationAssemblies) =>
        ArchitectureResult.Combine(
            Types.InAssembly(hostPath).That().ResideInNamespace("Billing.Host.Pages").Should().NotHaveDependencyOnTypesFromAny([.. implementationAssemblies]).GetResult(),
            Types.InAssembly(hostPath).That().ResideInNamespace("Billing.Host.Dashboard").Should().NotHaveDependencyOnTypesFromAny([.. implementationAssemblies]).GetResult());

    [Fact]
    public void The_dashboard_pages_depend_on_no_module_implementation_only_on_Contracts()
    {
        var result = PagesUseContractsOnly(BillingModules.HostPath, BillingModules.ImplementationAssemblies);

        RuleAssert.Holds(result);
        Assert.Contains("Billing.Host.Pages.Dashboard.Coupons.OverviewModel", result.CheckedNames);
    }

    [Fact]
    public void The_dashboard_rule_fails_for_pages_that_use_a_module_contracts_when_contracts_are_forbidden()
    {
        var result = PagesUseContractsOnly(BillingModules.HostPath, ["Billing.Coupons.Contracts"]);

        Assert.Contains("Billing.Host.Pages.Dashboard.Coupons.OverviewModel", result.FailingNames);
    }
}
