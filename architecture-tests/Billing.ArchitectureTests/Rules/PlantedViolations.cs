using System.Reflection;
using Billing.Fixture;

namespace Billing.ArchitectureTests.Rules;

/// <summary>
/// The fixture assembly Billing.ArchitectureTests.Violations: a module root <c>Billing.Fixture</c> with
/// Domain, Application, Contracts and Infrastructure namespaces, and host code in <c>Billing.Host.Fixture</c>,
/// all breaking the rules on purpose.
/// </summary>
internal static class PlantedViolations
{
    public const string ModuleRoot = "Billing.Fixture";

    public const string DomainNamespace = "Billing.Fixture.Domain";

    public static Assembly Assembly => typeof(FixtureModule).Assembly;

    public static string AssemblyName => Assembly.GetName().Name!;

    public static string RegistrationFullName => typeof(FixtureModule).FullName!;
}
