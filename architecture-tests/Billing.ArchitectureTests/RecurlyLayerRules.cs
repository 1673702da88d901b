using Billing.ArchitectureTests.Fluent;
using Billing.ArchitectureTests.Rules;

namespace Billing.ArchitectureTests;

/// <summary>
/// Issue 20: the Recurly-compatible layer (Billing.Host.Recurly) only translates: it reaches the modules through their
/// Contracts (MediatR commands and queries), never their implementation or the building blocks, nor the /api endpoints.
/// </summary>
public sealed class RecurlyLayerRules
{
    private const string RecurlyNamespace = "Billing.Host.Recurly";

    private static ArchitectureResult DependsOnContractsOnly(Func<TypeFilters, TypeFilters> select) =>
        select(Types.InAssembly(BillingModules.HostPath).That())
            .Should().NotHaveDependencyOnTypesFromAny([.. BillingModules.ImplementationAssemblies, "Billing.BuildingBlocks"])
            .And().NotHaveDependencyOnAny("Billing.Host.Endpoints")
            .GetResult();

    [Fact]
    public void The_recurly_layer_depends_on_module_contracts_only()
    {
        var result = DependsOnContractsOnly(types => types.ResideInNamespace(RecurlyNamespace));

        RuleAssert.Holds(result);
    }

    [Fact]
    public void The_contracts_only_rule_fails_on_the_host_entry_point_which_registers_the_modules()
    {
        var result = DependsOnContractsOnly(types => types.HaveFullName("Program"));

        RuleAssert.FailsNaming(result, "Program");
        RuleAssert.Reports(result, "Program", "depends on Billing.Coupons.CouponsModule from Billing.Coupons");
    }
}
