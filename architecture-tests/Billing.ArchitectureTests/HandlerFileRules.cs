using Billing.ArchitectureTests.Rules;
using Billing.Fixture.Application;
using Billing.Host.Fixture;

namespace Billing.ArchitectureTests;

/// <summary>Rule (g): one handler per source file, so a use case's handler is found by its file name (issue 22).</summary>
public sealed class HandlerFileRules
{
    public static TheoryData<string> Modules => BillingModules.Names;

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_source_file_of_a_module_declares_at_most_one_handler(string module)
    {
        var result = ArchitectureRules.OneHandlerPerFile(BillingModules.Named(module).Implementation);

        RuleAssert.Holds(result);
    }

    [Fact]
    public void A_source_file_of_the_building_blocks_declares_at_most_one_handler()
    {
        var result = ArchitectureRules.OneHandlerPerFile(BillingModules.BuildingBlocks);

        RuleAssert.Holds(result);
    }

    [Fact]
    public void The_one_handler_per_file_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.OneHandlerPerFile(PlantedViolations.Assembly);

        RuleAssert.FailsNaming(result, typeof(FirstHandlerOfAFile).FullName!, typeof(SecondHandlerOfAFile).FullName!);
        RuleAssert.Reports(result, typeof(SecondHandlerOfAFile).FullName!, "shares a source file with another handler");
        RuleAssert.Passes(result, typeof(HostSideHandler).FullName!);
    }
}
