using Billing.ArchitectureTests.Rules;
using Billing.Fixture.Contracts;

namespace Billing.ArchitectureTests;

/// <summary>Rule (b): Contracts carry no implementation, persistence or building-block types.</summary>
public sealed class ContractsRules
{
    public static TheoryData<string> Modules => BillingModules.Names;

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_reference_no_module_implementation_and_depend_on_neither_EF_Core_nor_building_blocks(string module)
    {
        var result = ArchitectureRules.ContractsStayFreeOfImplementationAndPersistence(
            BillingModules.Named(module).Contracts,
            BillingModules.ImplementationAssemblyNames);

        RuleAssert.Holds(result);
    }

    [Fact]
    public void The_contracts_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.ContractsStayFreeOfImplementationAndPersistence(PlantedViolations.Assembly, BillingModules.ImplementationAssemblyNames);

        RuleAssert.FailsNaming(result, PlantedViolations.AssemblyName, typeof(KeylessContract).FullName!, typeof(OutboxLeakingContract).FullName!);
        RuleAssert.Reports(result, PlantedViolations.AssemblyName, "references Billing.Coupons");
        RuleAssert.Reports(result, PlantedViolations.AssemblyName, "references Microsoft.EntityFrameworkCore");
        RuleAssert.Reports(result, typeof(KeylessContract).FullName!, "depends on Microsoft.EntityFrameworkCore");
        RuleAssert.Reports(result, typeof(OutboxLeakingContract).FullName!, "depends on Billing.BuildingBlocks");
        RuleAssert.Passes(result, typeof(PlantedRequest).FullName!, typeof(PlantedNotification).FullName!);
    }
}
