using Billing.ArchitectureTests.Rules;
using Billing.Fixture.Domain;
using Billing.Fixture.Infrastructure;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Billing.ArchitectureTests;

/// <summary>Rule (c): the domain is plain C#, free of frameworks and of infrastructure.</summary>
public sealed class DomainRules
{
    public static TheoryData<string> Modules => BillingModules.Names;

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_domain_depends_on_no_EF_Core_MediatR_ASP_NET_Core_FluentValidation_or_infrastructure(string module)
    {
        var checkedModule = BillingModules.Named(module);

        var result = ArchitectureRules.DomainUsesNoFrameworkOrInfrastructure(checkedModule.Implementation, checkedModule.DomainNamespace);

        RuleAssert.Holds(result);
    }

    [Fact]
    public void The_domain_rule_fails_on_a_planted_violation()
    {
        var result = ArchitectureRules.DomainUsesNoFrameworkOrInfrastructure(PlantedViolations.Assembly, PlantedViolations.DomainNamespace);

        RuleAssert.FailsNaming(result, typeof(ViaMethodBody).FullName!, typeof(ViaField).FullName!);
        RuleAssert.Reports(result, typeof(ViaMethodBody).FullName!, "depends on Microsoft.EntityFrameworkCore");
        RuleAssert.Reports(result, typeof(ViaMethodBody).FullName!, "depends on MediatR");
        RuleAssert.Reports(result, typeof(ViaField).FullName!, "depends on Microsoft.EntityFrameworkCore");
        RuleAssert.Passes(result, typeof(PureAggregate).FullName!);
        Assert.DoesNotContain(result.CheckedNames, name => name.Contains('<', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(typeof(ViaMethodBody), typeof(DbSet<>))]
    [InlineData(typeof(ViaMethodBody), typeof(Unit))]
    [InlineData(typeof(ViaField), typeof(DbContext))]
    [InlineData(typeof(ViaProperty), typeof(IMediator))]
    [InlineData(typeof(ViaBaseType), typeof(AbstractValidator<>))]
    [InlineData(typeof(ViaInterface), typeof(INotification))]
    [InlineData(typeof(ViaGenericArgument), typeof(IRequest<>))]
    [InlineData(typeof(ViaParameter), typeof(HttpContext))]
    [InlineData(typeof(ViaByRefParameter), typeof(DbContext))]
    [InlineData(typeof(ViaArray), typeof(DbContext))]
    [InlineData(typeof(ViaReturnType), typeof(DbContext))]
    [InlineData(typeof(ViaMethodConstraint), typeof(DbContext))]
    [InlineData(typeof(ViaTypeConstraint<>), typeof(IMediator))]
    [InlineData(typeof(ViaAttribute), typeof(KeylessAttribute))]
    [InlineData(typeof(ViaAttributeArgument), typeof(DbContext))]
    [InlineData(typeof(ViaLocalVariable), typeof(DbContext))]
    [InlineData(typeof(ViaCatchClause), typeof(DbUpdateException))]
    [InlineData(typeof(ViaGenericMethodArgument), typeof(IMediator))]
    [InlineData(typeof(ViaNestedType), typeof(DbLoggerCategory.Database))]
    [InlineData(typeof(ViaLambda), typeof(DbContext))]
    [InlineData(typeof(ViaClosure), typeof(IMediator))]
    [InlineData(typeof(ViaAsyncStateMachine), typeof(DbContext))]
    [InlineData(typeof(ViaIterator), typeof(IValidator))]
    [InlineData(typeof(ViaEvent), typeof(SavingChangesEventArgs))]
    [InlineData(typeof(ViaInfrastructureNamespace), typeof(FixtureDbContext))]
    public void The_domain_rule_finds_a_dependency_in_any_part_of_a_type(Type plantedType, Type dependency)
    {
        string planted = TypeRules.FullName(plantedType);
        string used = TypeRules.FullName(dependency);

        var result = ArchitectureRules.TypeUsesNo(PlantedViolations.Assembly, planted, used);

        RuleAssert.Reports(result, planted, $"depends on {used}");
        Assert.True(
            ArchitectureRules.DomainUsesNoFrameworkOrInfrastructure(PlantedViolations.Assembly, PlantedViolations.DomainNamespace).FailingNames.Contains(planted),
            $"The domain rule does not name {planted}.");
    }
}
