using Billing.ArchitectureTests.Rules;
using Billing.Fixture.Domain;

namespace Billing.ArchitectureTests;

/// <summary>Rule (i): domain entities change state only through their own methods; handlers orchestrate (issue 13, issue 22 item 2).</summary>
public sealed class DomainStateRules
{
    public static TheoryData<string> Modules => BillingModules.Names;

    [Theory]
    [MemberData(nameof(Modules))]
    public void No_type_of_a_module_domain_has_a_property_setter_that_is_neither_private_nor_init_only(string module)
    {
        var checkedModule = BillingModules.Named(module);

        var result = ArchitectureRules.DomainStateChangesOnlyThroughItsOwnMethods(checkedModule.Implementation, checkedModule.DomainNamespace);

        RuleAssert.Holds(result);
    }

    [Fact]
    public void The_domain_state_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.DomainStateChangesOnlyThroughItsOwnMethods(PlantedViolations.Assembly, PlantedViolations.DomainNamespace);

        RuleAssert.FailsNaming(result, typeof(PublicSetter).FullName!, typeof(InternalSetter).FullName!, typeof(StaticSetter).FullName!);
        RuleAssert.Reports(result, typeof(InternalSetter).FullName!, "has a property setter that is neither private nor init-only");
        RuleAssert.Passes(result, typeof(InitOnlyAndPrivateSetters).FullName!, typeof(PureAggregate).FullName!);
    }
}
