using Billing.ArchitectureTests.Rules;
using Billing.Fixture.Application;

namespace Billing.ArchitectureTests;

/// <summary>Rule (d): handlers and validators are reached through MediatR, never directly.</summary>
public sealed class HandlerVisibilityRules
{
    public static TheoryData<string> Modules => BillingModules.Names;

    [Theory]
    [MemberData(nameof(Modules))]
    public void Handlers_and_validators_of_a_module_are_not_public(string module)
    {
        var result = ArchitectureRules.HandlersAndValidatorsAreNotPublic(BillingModules.Named(module).Implementation);

        RuleAssert.Holds(result);
    }

    [Fact]
    public void The_handler_visibility_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.HandlersAndValidatorsAreNotPublic(PlantedViolations.Assembly);

        RuleAssert.FailsNaming(
            result,
            typeof(PublicRequestHandler).FullName!,
            typeof(PublicNotificationHandler).FullName!,
            typeof(PublicValidator).FullName!);
        RuleAssert.Reports(result, typeof(PublicValidator).FullName!, "is public");
        RuleAssert.Passes(result, typeof(InternalRequestHandler).FullName!);
        Assert.DoesNotContain(typeof(PublicHelper).FullName!, result.CheckedNames);
    }
}
