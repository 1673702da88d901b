using Billing.Coupons;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Fixture;

/// <summary>
/// The fixture module's registration class, the one type allowed to be public. Planted: it uses another
/// module's implementation (<see cref="CouponsModule"/>), so this assembly references Billing.Coupons.
/// </summary>
public static class FixtureModule
{
    public static IServiceCollection AddFixtureModule(this IServiceCollection services) => services.AddCouponsModule();
}
