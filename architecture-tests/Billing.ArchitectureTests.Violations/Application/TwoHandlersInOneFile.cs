using Billing.Fixture.Contracts;
using MediatR;

namespace Billing.Fixture.Application;

/// <summary>Planted: the first of two handlers declared in one source file.</summary>
internal sealed class FirstHandlerOfAFile : IRequestHandler<PlantedRequest, Unit>
{
    public Task<Unit> Handle(PlantedRequest request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}

/// <summary>Planted: the second handler of the same source file (an async one: its code sits in a state machine).</summary>
internal sealed class SecondHandlerOfAFile : INotificationHandler<PlantedNotification>
{
    public async Task Handle(PlantedNotification notification, CancellationToken cancellationToken) => await Task.Yield();
}
