using Billing.ArchitectureTests.Rules;
using Billing.Fixture.Application;

namespace Billing.ArchitectureTests;

/// <summary>Rule (f): a module implementation shows nothing but its registration class.</summary>
public sealed class ModuleVisibilityRules
{
    public static TheoryData<string> Modules => BillingModules.Names;

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_implementation_is_internal_except_its_public_registration_class(string module)
    {
        var checkedModule = BillingModules.Named(module);

        var result = ArchitectureRules.OnlyTheRegistrationClassIsPublic(checkedModule.Implementation, checkedModule.RegistrationFullName);

        RuleAssert.Holds(result);
        RuleAssert.Passes(result, checkedModule.RegistrationFullName);
    }

    [Fact]
    public void The_module_visibility_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.OnlyTheRegistrationClassIsPublic(PlantedViolations.Assembly, PlantedViolations.RegistrationFullName);

        RuleAssert.FailsNaming(result, typeof(PublicHelper).FullName!);
        RuleAssert.Reports(result, typeof(PublicHelper).FullName!, "is public");
        RuleAssert.Passes(result, PlantedViolations.RegistrationFullName);
    }
}
