using Billing.ArchitectureTests.Fluent;
using FluentValidation;
using MediatR;

namespace Billing.ArchitectureTests.Rules;

/// <summary>
/// The architecture rules, each a function of the assembly (and names) it checks, so that the same code runs
/// on the real assemblies and on the planted violations.
/// </summary>
internal static class ArchitectureRules
{
    private static readonly Type[] HandlerAndValidatorInterfaces =
    [
        typeof(IRequestHandler<,>),
        typeof(INotificationHandler<>),
        typeof(IValidator<>),
    ];

    /// <summary>
    /// (a) A module's implementation neither references nor uses a type of another module's implementation
    /// assembly; it talks to other modules through their Contracts only.
    /// </summary>
    public static ArchitectureResult ImplementationUsesNoOtherImplementation(string implementationPath, IEnumerable<string> otherImplementationAssemblies)
    {
        string[] others = [.. otherImplementationAssemblies];
        return ArchitectureResult.Combine(
            Assemblies.At(implementationPath).Should().NotReferenceAny(others).GetResult(),
            Types.InAssembly(implementationPath).Should().NotHaveDependencyOnTypesFromAny(others).GetResult());
    }

    /// <summary>
    /// (b) A Contracts assembly references no module implementation and no EF Core, and its types use neither
    /// EF Core nor Billing.BuildingBlocks.
    /// </summary>
    public static ArchitectureResult ContractsStayFreeOfImplementationAndPersistence(string contractsPath, IEnumerable<string> implementationAssemblies) =>
        ArchitectureResult.Combine(
            Assemblies.At(contractsPath).Should().NotReferenceAny([.. implementationAssemblies, "Microsoft.EntityFrameworkCore*"]).GetResult(),
            Types.InAssembly(contractsPath).Should().NotHaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Billing.BuildingBlocks").GetResult());

    /// <summary>(c) Domain types use no persistence, mediation, web or validation framework, and no Infrastructure namespace.</summary>
    public static ArchitectureResult DomainUsesNoFrameworkOrInfrastructure(string implementationPath, string domainNamespace) =>
        Types.InAssembly(implementationPath)
            .That().ResideInNamespace(domainNamespace)
            .Should().NotHaveDependencyOnAny("Microsoft.EntityFrameworkCore", "MediatR", "Microsoft.AspNetCore", "FluentValidation", "*.Infrastructure")
            .GetResult();

    /// <summary>(d) Request handlers, notification handlers and validators are not visible outside their module.</summary>
    public static ArchitectureResult HandlersAndValidatorsAreNotPublic(string implementationPath) =>
        Types.InAssembly(implementationPath)
            .That().ImplementAnyInterface(HandlerAndValidatorInterfaces)
            .Should().NotBePublic()
            .GetResult();

    /// <summary>(e) The host declares no handler, no validator and no type in a Domain namespace.</summary>
    public static ArchitectureResult HostDeclaresNoModuleLogic(string hostPath) =>
        Types.InAssembly(hostPath)
            .Should().NotImplementAnyInterface(HandlerAndValidatorInterfaces)
            .And().NotResideInNamespace("*.Domain")
            .GetResult();

    /// <summary>
    /// (e) The host uses no type of a module's Domain or Infrastructure namespace; each module's registration
    /// class (in its root namespace) and its Contracts remain open to it.
    /// </summary>
    public static ArchitectureResult HostUsesNoModuleInternals(string hostPath, IEnumerable<string> moduleRootNamespaces) =>
        Types.InAssembly(hostPath)
            .Should().NotHaveDependencyOnAny([.. moduleRootNamespaces.SelectMany(root => new[] { $"{root}.Domain", $"{root}.Infrastructure" })])
            .GetResult();

    /// <summary>(f) Every type of a module implementation is internal but its one registration class, which is public.</summary>
    public static ArchitectureResult OnlyTheRegistrationClassIsPublic(string implementationPath, string registrationFullName) =>
        ArchitectureResult.Combine(
            Types.InAssembly(implementationPath).That().HaveFullName(registrationFullName).Should().BePublic().GetResult(),
            Types.InAssembly(implementationPath).That().DoNotHaveFullName(registrationFullName).Should().NotBePublic().GetResult());
}
