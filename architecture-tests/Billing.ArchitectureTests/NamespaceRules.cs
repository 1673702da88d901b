using Billing.ArchitectureTests.Rules;
using Billing.Fixture;
using Billing.Fixture.Application;
using Billing.Fixture.Application.KeylessContract;

namespace Billing.ArchitectureTests;

/// <summary>Rule (j): a module's namespaces never hide one of its Contracts' types (issue 22 item 3).</summary>
public sealed class NamespaceRules
{
    public static TheoryData<string> Modules => BillingModules.Names;

    [Theory]
    [MemberData(nameof(Modules))]
    public void No_namespace_of_a_module_is_named_as_a_type_of_its_contracts(string module)
    {
        var named = BillingModules.Named(module);

        RuleAssert.Holds(ArchitectureRules.NamespacesHideNoContract(named.Implementation, named.Contracts));
    }

    [Fact]
    public void The_namespace_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.NamespacesHideNoContract(PlantedViolations.Assembly, PlantedViolations.Assembly);

        RuleAssert.FailsNaming(result, typeof(FolderNamedAsAContract).FullName!);
        RuleAssert.Reports(result, typeof(FolderNamedAsAContract).FullName!, "resides in a namespace named as a Contracts type");
        RuleAssert.Passes(result, typeof(FixtureModule).FullName!, typeof(PublicHelper).FullName!);
    }
}
