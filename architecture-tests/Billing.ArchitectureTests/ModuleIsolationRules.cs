using Billing.ArchitectureTests.Rules;
using Billing.Fixture;

namespace Billing.ArchitectureTests;

/// <summary>Rule (a): modules talk to each other through Contracts only.</summary>
public sealed class ModuleIsolationRules
{
    public static TheoryData<string> Modules => BillingModules.Names;

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_implementation_references_no_other_module_implementation(string module)
    {
        var checkedModule = BillingModules.Named(module);

        var result = ArchitectureRules.ImplementationUsesNoOtherImplementation(
            checkedModule.Implementation,
            BillingModules.All.Where(other => other != checkedModule).Select(other => other.Implementation));

        RuleAssert.Holds(result);
    }

    [Fact]
    public void The_module_isolation_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.ImplementationUsesNoOtherImplementation(PlantedViolations.Assembly, BillingModules.All.Select(module => module.Implementation));

        RuleAssert.FailsNaming(result, PlantedViolations.AssemblyName, typeof(FixtureModule).FullName!);
        RuleAssert.Reports(result, PlantedViolations.AssemblyName, "references Billing.Coupons");
        RuleAssert.Reports(result, typeof(FixtureModule).FullName!, "depends on a type of Billing.Coupons");
        RuleAssert.Passes(result, typeof(Fixture.Contracts.PlantedRequest).FullName!);
    }
}
