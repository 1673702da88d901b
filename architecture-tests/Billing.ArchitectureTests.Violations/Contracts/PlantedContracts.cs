using Billing.BuildingBlocks.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Billing.Fixture.Contracts;

/// <summary>A clean contract: a request that depends on nothing but MediatR's markers.</summary>
public sealed record PlantedRequest(string Name) : IRequest<Unit>;

/// <summary>A clean contract: an event that depends on nothing but MediatR's markers.</summary>
public sealed record PlantedNotification(Guid Id) : INotification;

/// <summary>Planted: a contract that depends on EF Core through an attribute only.</summary>
[Keyless]
public sealed record KeylessContract(string Code);

/// <summary>Planted: a contract that exposes a Billing.BuildingBlocks type.</summary>
public sealed record OutboxLeakingContract(OutboxMessage Message);
