using Billing.Fixture.Contracts;
using Billing.Fixture.Domain;
using Billing.Fixture.Infrastructure;
using FluentValidation;
using MediatR;

namespace Billing.Host.Fixture;

/// <summary>Planted: a request handler declared in the host.</summary>
internal sealed class HostSideHandler : IRequestHandler<PlantedRequest, Unit>
{
    public Task<Unit> Handle(PlantedRequest request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}

/// <summary>Planted: a validator declared in the host.</summary>
internal sealed class HostSideValidator : AbstractValidator<PlantedRequest>;

/// <summary>Planted: host code that reaches into a module's Domain and Infrastructure namespaces.</summary>
internal static class HostSideEndpoint
{
    public static bool Owns(FixtureDbContext context, ViaField aggregate) => ReferenceEquals(aggregate.Context, context);

    public static void Detach(ViaField aggregate) => aggregate.Context = null;
}

/// <summary>A clean host type: it only uses the module's contracts.</summary>
internal static class HostSideContractsEndpoint
{
    public static PlantedRequest Request(string name) => new(name);
}
