using System.Collections.Concurrent;
using Billing.SharedKernel;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Billing.BuildingBlocks.Mapping;

/// <summary>
/// What every module's Mapster configuration shares: a DTO member that nothing maps fails the configuration's
/// compilation, a type copied as it is keeps its instance, and money and enums have registered converters.
/// </summary>
public static class ModuleMapping
{
    /// <summary>A new module configuration with the shared converters and <see cref="TypeAdapterConfig.RequireDestinationMemberSource"/>.</summary>
    public static TypeAdapterConfig NewConfig()
    {
        var config = new TypeAdapterConfig { RequireDestinationMemberSource = true };
        config.Default.ShallowCopyForSameType(true);
        config.NewConfig<Money, decimal>().MapWith(money => money.ToMajor());
        config.NewConfig<Currency, string>().MapWith(currency => currency.Code);
        return config;
    }

    /// <summary>
    /// Registers a module's mapping: its configuration is compiled whole once the host has started, off the start's
    /// path, so a map that cannot compile (a DTO member nothing maps) stops the host. Until then, and in tests that
    /// build no host, each pair compiles on its first use.
    /// </summary>
    public static IServiceCollection AddModuleMapping(this IServiceCollection services, TypeAdapterConfig config) =>
        services.AddSingleton<IHostedService>(new MappingCompilation(config));

    /// <summary>Maps <typeparamref name="TEnum"/> to its wire name (<see cref="Wire{TEnum}"/>), as the API writes it.</summary>
    public static TypeAdapterConfig MapToWireName<TEnum>(this TypeAdapterConfig config)
        where TEnum : struct, Enum
    {
        config.NewConfig<TEnum, string>().MapWith(value => Wire<TEnum>.Name(value));
        return config;
    }

    /// <summary>An amount of minor units in the currency of that code, as money (which maps to its major units).</summary>
    public static Money Money(long minor, string currency) => new(minor, Currency.Of(currency));
}

/// <summary>Compiles a module's mapping configuration once per process, in the background of the host's start.</summary>
internal sealed class MappingCompilation(TypeAdapterConfig config) : BackgroundService
{
    private static readonly ConcurrentDictionary<TypeAdapterConfig, Lazy<bool>> Compiled = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => Compiled.GetOrAdd(config, new Lazy<bool>(() =>
        {
            config.Compile();
            return true;
        })).Value, stoppingToken);
}
