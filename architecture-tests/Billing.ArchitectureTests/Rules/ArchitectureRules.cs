using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using NetArchTest.Rules;

namespace Billing.ArchitectureTests.Rules;

/// <summary>
/// The architecture rules in NetArchTest.Rules, each a function of the assembly (and names) it checks, so that
/// the same code runs on the real assemblies and on the planted violations. A rule made of several conditions
/// runs each as its own NetArchTest rule, so that a failing type carries the reason it fails.
/// </summary>
internal static class ArchitectureRules
{
    private static readonly Type[] HandlerInterfaces = [typeof(IRequestHandler<,>), typeof(INotificationHandler<>)];

    private static readonly Type[] HandlerAndValidatorInterfaces = [.. HandlerInterfaces, typeof(IValidator<>)];

    /// <summary>
    /// (a) A module's implementation neither references nor uses a type of another module's implementation
    /// assembly; it talks to other modules through their Contracts only.
    /// </summary>
    public static RuleResult ImplementationUsesNoOtherImplementation(Assembly implementation, IEnumerable<Assembly> otherImplementations)
    {
        var others = otherImplementations.ToList();
        Selection types = Types.InAssembly(implementation);
        return RuleResult.Combine(
        [
            AssemblyReferences.ReferenceNone(implementation, others.Select(other => other.GetName().Name!)),
            .. others.Select(other => types.Check(
                should => should.NotHaveDependencyOnAny([.. DeclaredTypeNames(other)]),
                $"depends on a type of {other.GetName().Name}")),
        ]);
    }

    /// <summary>
    /// (b) A Contracts assembly references no module implementation and no EF Core, and its types use neither
    /// EF Core nor Billing.BuildingBlocks.
    /// </summary>
    public static RuleResult ContractsStayFreeOfImplementationAndPersistence(Assembly contracts, IEnumerable<string> implementationAssemblies) =>
        RuleResult.Combine(
        [
            AssemblyReferences.ReferenceNone(contracts, [.. implementationAssemblies, "Microsoft.EntityFrameworkCore*"]),
            .. new[] { "Microsoft.EntityFrameworkCore", "Billing.BuildingBlocks" }.Select(dependency => NoDependency(Types.InAssembly(contracts), dependency)),
        ]);

    /// <summary>(c) Domain types use no persistence, mediation, web or validation framework, and not the module's Infrastructure namespace.</summary>
    public static RuleResult DomainUsesNoFrameworkOrInfrastructure(Assembly implementation, string domainNamespace)
    {
        string moduleRoot = domainNamespace[..domainNamespace.LastIndexOf('.')];
        string[] forbidden = ["Microsoft.EntityFrameworkCore", "MediatR", "Microsoft.AspNetCore", "FluentValidation", $"{moduleRoot}.Infrastructure"];
        return RuleResult.Combine(forbidden.Select(dependency => NoDependency(Types.InAssembly(implementation).That().ResideInNamespace(domainNamespace), dependency)));
    }

    /// <summary>
    /// (i) Domain types change state only through their own methods: no property of a type in the Domain namespace has
    /// a public, internal or protected setter; private and init-only setters are allowed (issue 13, issue 22 item 2).
    /// </summary>
    public static RuleResult DomainStateChangesOnlyThroughItsOwnMethods(Assembly implementation, string domainNamespace)
    {
        Selection domain = Types.InAssembly(implementation).That().ResideInNamespace(domainNamespace);
        return domain.Check(should => should.MeetCustomRule(TypeRules.SetsPropertiesOnlyPrivatelyOrAtInit()), "has a property setter that is neither private nor init-only");
    }

    /// <summary>
    /// The part of rule (c) for one dependency, on one type: whether the domain rule sees <paramref name="dependency"/>
    /// (a type or namespace) in <paramref name="typeFullName"/>.
    /// </summary>
    public static RuleResult TypeUsesNo(Assembly assembly, string typeFullName, string dependency) =>
        NoDependency(Types.InAssembly(assembly).That().MeetCustomRule(TypeRules.HasFullName(typeFullName)), dependency);

    /// <summary>(d) Request handlers, notification handlers and validators are not visible outside their module.</summary>
    public static RuleResult HandlersAndValidatorsAreNotPublic(Assembly implementation)
    {
        Selection handlersAndValidators = Types.InAssembly(implementation).That().MeetCustomRule(TypeRules.ImplementsAny(HandlerAndValidatorInterfaces));
        return handlersAndValidators.Check(should => should.NotBePublic(), "is public");
    }

    /// <summary>(e) The host declares no handler, no validator and no type in a Domain namespace.</summary>
    public static RuleResult HostDeclaresNoModuleLogic(Assembly host)
    {
        Selection types = Types.InAssembly(host);
        return RuleResult.Combine(
        [
            .. HandlerAndValidatorInterfaces.Select(contract => types.Check(
                should => should.MeetCustomRule(TypeRules.ImplementsNone(contract)),
                $"implements {TypeRules.FullName(contract)}")),
            types.Check(should => should.MeetCustomRule(TypeRules.DoesNotResideInNamespaceEndingWith("Domain")), "resides in a Domain namespace"),
        ]);
    }

    /// <summary>
    /// (e) The host uses no type of a module's Domain or Infrastructure namespace; each module's registration
    /// class (in its root namespace) and its Contracts remain open to it.
    /// </summary>
    public static RuleResult HostUsesNoModuleInternals(Assembly host, IEnumerable<string> moduleRootNamespaces) =>
        RuleResult.Combine(moduleRootNamespaces
            .SelectMany(root => new[] { $"{root}.Domain", $"{root}.Infrastructure" })
            .Select(dependency => NoDependency(Types.InAssembly(host), dependency)));

    /// <summary>(f) Every type of a module implementation is internal but its one registration class, which is public.</summary>
    public static RuleResult OnlyTheRegistrationClassIsPublic(Assembly implementation, string registrationFullName)
    {
        Selection registration = Types.InAssembly(implementation).That().MeetCustomRule(TypeRules.HasFullName(registrationFullName));
        Selection others = Types.InAssembly(implementation).That().MeetCustomRule(TypeRules.DoesNotHaveFullName(registrationFullName));
        return RuleResult.Combine(
            registration.Check(should => should.BePublic(), "is not public"),
            others.Check(should => should.NotBePublic(), "is public"));
    }

    /// <summary>(g) A source file declares at most one request or notification handler (issue 22: one handler per file, named after it).</summary>
    public static RuleResult OneHandlerPerFile(Assembly assembly)
    {
        var isHandler = TypeRules.ImplementsAny(HandlerInterfaces);
        Selection handlers = Types.InAssembly(assembly).That().MeetCustomRule(isHandler);
        return handlers.Check(should => should.MeetCustomRule(new OneHandlerPerSourceFile(isHandler.MeetsRule)), "shares a source file with another handler");
    }

    /// <summary>
    /// (j) No namespace of a module implementation has a part named as a public type of its Contracts (issue 22 item 3):
    /// a use-case folder <c>RedeemCoupon/</c> would hide the request <c>RedeemCoupon</c> from the handler inside it, which
    /// would then have to write <c>Contracts.RedeemCoupon</c>.
    /// </summary>
    public static RuleResult NamespacesHideNoContract(Assembly implementation, Assembly contracts)
    {
        var contractNames = contracts.GetExportedTypes().Select(type => type.Name).ToHashSet(StringComparer.Ordinal);
        Selection types = Types.InAssembly(implementation);
        return types.Check(should => should.MeetCustomRule(TypeRules.ResidesInNoNamespacePartNamed(contractNames)), "resides in a namespace named as a Contracts type");
    }

    /// <summary>
    /// (h) The operator dashboard's and the checkout's pages (namespaces <c>Billing.Host.Pages</c>,
    /// <c>Billing.Host.Dashboard</c> and <c>Billing.Host.Checkout</c>, issue 18) send
    /// the same commands and queries as the API: they use no type of a module's Application, Domain or Infrastructure
    /// (issue 17: no second business logic).
    /// </summary>
    public static RuleResult DashboardUsesContractsOnly(Assembly host, IEnumerable<string> forbiddenNamespaces)
    {
        Selection pages = Types.InAssembly(host).That().ResideInNamespace("Billing.Host.Pages").Or().ResideInNamespace("Billing.Host.Dashboard")
            .Or().ResideInNamespace("Billing.Host.Checkout").Or().ResideInNamespace("Billing.Host.MyAccount");
        return RuleResult.Combine(forbiddenNamespaces.Select(dependency => NoDependency(pages, dependency)));
    }

    /// <summary>
    /// Issue 20: the Recurly-compatible layer only translates, so it reaches the modules through their Contracts alone;
    /// <paramref name="forbiddenNamespaces"/> are the namespaces it must not use.
    /// </summary>
    public static RuleResult RecurlyLayerUsesContractsOnly(Assembly host, IEnumerable<string> forbiddenNamespaces)
    {
        Selection layer = Types.InAssembly(host).That().ResideInNamespace("Billing.Host.Recurly");
        return RuleResult.Combine(forbiddenNamespaces.Select(dependency => NoDependency(layer, dependency)));
    }

    /// <summary>The namespaces of a module implementation that only its own code may use.</summary>
    public static IEnumerable<string> ImplementationNamespaces(IEnumerable<string> moduleRootNamespaces) =>
        moduleRootNamespaces.SelectMany(root => new[] { $"{root}.Application", $"{root}.Domain", $"{root}.Infrastructure" });

    private static RuleResult NoDependency(Selection types, string dependency) =>
        RuleResult.Combine(
            types.Check(should => should.NotHaveDependencyOn(dependency), $"depends on {dependency}"),
            types.Check(should => should.MeetCustomRule(TypeRules.NamesNoTypeInAttributeArgumentsOrCatchClauses(dependency)), $"depends on {dependency}"));

    /// <summary>The full names of the types an assembly declares itself, without those the compiler generates into every assembly.</summary>
    private static IEnumerable<string> DeclaredTypeNames(Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => !type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && !type.FullName!.Contains('<', StringComparison.Ordinal))
            .Select(type => type.FullName!);

    /// <summary>The types a rule checks, all of an assembly's or those a predicate chose.</summary>
    private sealed record Selection(Func<IEnumerable<Type>> Types, Func<Conditions> Should)
    {
        public static implicit operator Selection(Types types) => new(types.GetTypes, types.Should);

        public static implicit operator Selection(PredicateList types) => new(types.GetTypes, types.Should);

        /// <summary>Runs one NetArchTest condition on the selection; each failing type gets <paramref name="reason"/>.</summary>
        public RuleResult Check(Func<Conditions, ConditionList> condition, string reason) =>
            RuleResult.Of(Types(), condition(Should()).GetResult(), reason);
    }
}
