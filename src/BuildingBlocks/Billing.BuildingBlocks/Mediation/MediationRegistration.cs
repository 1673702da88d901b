using System.Reflection;
using System.Text.Json;
using Billing.BuildingBlocks.Idempotency;
using Billing.BuildingBlocks.Outbox;
using Billing.BuildingBlocks.Persistence;
using FluentValidation;
using FluentValidation.Internal;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Billing.BuildingBlocks.Mediation;

public static class MediationRegistration
{
    private static readonly Type[] ScannedInterfaces =
    [
        typeof(IRequestHandler<,>),
        typeof(INotificationHandler<>),
        typeof(IValidator<>),
    ];

    /// <summary>
    /// MediatR 5 wired once: the service factory, the mediator, and the pipeline (validation outside,
    /// transaction inside), plus the shared database session and the outbox dispatcher.
    /// </summary>
    public static IServiceCollection AddBillingMediation(this IServiceCollection services, string dataDirectory) =>
        services.AddBillingMediation(new SqliteDatabase(dataDirectory));

    /// <summary>The same on <paramref name="database"/> (SQLite or PostgreSQL, from <c>Billing:Database</c>).</summary>
    public static IServiceCollection AddBillingMediation(this IServiceCollection services, BillingDatabase database)
    {
        // Field errors name fields as the API does: discount.amounts[0].currency, not Discount.Amounts[0].Currency.
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            SnakeCasePath(expression is null ? member?.Name : PropertyChain.FromExpression(expression).ToString());
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => SnakeCasePath(member?.Name);

        services.TryAddSingleton(database);
        services.TryAddScoped<DbSession>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<IOutboxSignal>(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());

        services.AddModuleDbContext<PlatformDbContext>(PlatformDbContext.TablePrefix);
        services.TryAddSingleton<IdempotencyStore>();
        services.AddHostedService<IdempotencyHeartbeat>();

        services.TryAddScoped<ServiceFactory>(provider => provider.GetService!);
        services.TryAddScoped<IMediator, Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        return services;
    }

    private static string? SnakeCasePath(string? path) =>
        path is null ? null : string.Join('.', path.Split('.').Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));

    /// <summary>Registers every request handler, event handler and validator a module assembly declares.</summary>
    public static IServiceCollection AddHandlersFrom(this IServiceCollection services, Assembly moduleAssembly)
    {
        foreach (var type in moduleAssembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && ScannedInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                // Validators are stateless and costly to build (their rules are built in the constructor): one each.
                services.Add(new ServiceDescriptor(contract, type, contract.GetGenericTypeDefinition() == typeof(IValidator<>) ? ServiceLifetime.Singleton : ServiceLifetime.Transient));
            }
        }

        return services;
    }
}
