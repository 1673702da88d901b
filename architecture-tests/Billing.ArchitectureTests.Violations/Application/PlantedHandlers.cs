using Billing.Fixture.Contracts;
using FluentValidation;
using MediatR;

namespace Billing.Fixture.Application;

/// <summary>Planted: a public request handler.</summary>
public sealed class PublicRequestHandler : IRequestHandler<PlantedRequest, Unit>
{
    public Task<Unit> Handle(PlantedRequest request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}

/// <summary>Planted: a public notification handler.</summary>
public sealed class PublicNotificationHandler : INotificationHandler<PlantedNotification>
{
    public Task Handle(PlantedNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Planted: a public validator.</summary>
public sealed class PublicValidator : AbstractValidator<PlantedRequest>
{
    public PublicValidator()
    {
        RuleFor(request => request.Name).NotEmpty();
    }
}

/// <summary>Planted: a public type that is not the module's registration class.</summary>
public static class PublicHelper
{
    public static string Normalize(string code) => code.Trim();
}

/// <summary>A clean handler: internal, as every handler must be.</summary>
internal sealed class InternalRequestHandler : IRequestHandler<PlantedRequest, Unit>
{
    public Task<Unit> Handle(PlantedRequest request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}
