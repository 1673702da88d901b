using Billing.ArchitectureTests.Rules;
using Billing.Host.Fixture;
using Billing.Host.Fixture.Domain;

namespace Billing.ArchitectureTests;

/// <summary>Rule (e): the host wires modules together and serves HTTP; the business logic stays in the modules.</summary>
public sealed class HostRules
{
    [Fact]
    public void The_host_declares_no_handler_validator_or_domain_type()
    {
        var result = ArchitectureRules.HostDeclaresNoModuleLogic(BillingModules.Host);

        RuleAssert.Holds(result);
    }

    [Fact]
    public void The_host_uses_no_type_of_a_module_domain_or_infrastructure()
    {
        var result = ArchitectureRules.HostUsesNoModuleInternals(BillingModules.Host, BillingModules.RootNamespaces);

        RuleAssert.Holds(result);
    }

    [Fact]
    public void The_host_logic_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.HostDeclaresNoModuleLogic(PlantedViolations.Assembly);

        RuleAssert.FailsNaming(result, typeof(HostSideHandler).FullName!, typeof(HostSideValidator).FullName!, typeof(HostSidePriceRule).FullName!);
        RuleAssert.Reports(result, typeof(HostSideHandler).FullName!, "implements MediatR.IRequestHandler`2");
        RuleAssert.Reports(result, typeof(HostSideValidator).FullName!, "implements FluentValidation.IValidator`1");
        RuleAssert.Reports(result, typeof(HostSidePriceRule).FullName!, "resides in a Domain namespace");
        RuleAssert.Passes(result, typeof(HostSideEndpoint).FullName!, typeof(HostSideContractsEndpoint).FullName!);
    }

    [Fact]
    public void The_host_dependency_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.HostUsesNoModuleInternals(PlantedViolations.Assembly, [PlantedViolations.ModuleRoot]);

        RuleAssert.FailsNaming(result, typeof(HostSideEndpoint).FullName!);
        RuleAssert.Reports(result, typeof(HostSideEndpoint).FullName!, $"depends on {PlantedViolations.DomainNamespace}");
        RuleAssert.Reports(result, typeof(HostSideEndpoint).FullName!, $"depends on {PlantedViolations.ModuleRoot}.Infrastructure");
        RuleAssert.Passes(result, typeof(HostSideContractsEndpoint).FullName!, typeof(HostSidePriceRule).FullName!);
    }
}
