using Billing.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.BuildingBlocks.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// Registers a module's DbContext on the scope's shared connection (see <see cref="ModuleDbContext.Attach"/>), with
    /// its own migrations history table, and its outbox for the dispatcher. Contexts are pooled: a request leases each
    /// context it uses and returns it at the end of its scope, so EF Core's per-context services (the internal scope,
    /// the state manager, the query pipeline's dependencies) are built once per pooled instance instead of for every
    /// context of every request, where they were a tenth of the host's CPU under load.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string tablePrefix)
        where TContext : ModuleDbContext
    {
        services.AddPooledDbContextFactory<TContext>(
            (provider, options) => provider.GetRequiredService<BillingDatabase>().Configure(options, tablePrefix));
        services.AddScoped(provider =>
        {
            var context = provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            context.Attach(provider.GetRequiredService<DbSession>());
            return context;
        });
        services.AddScoped<IModuleOutbox, ModuleOutbox<TContext>>();
        services.AddScoped<IModuleMigrator, ModuleMigrator<TContext>>();
        return services;
    }
}

/// <summary>Applies one module's migrations.</summary>
public interface IModuleMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The module's migrations not yet applied (none once the host has started).</summary>
    Task<IEnumerable<string>> PendingAsync(CancellationToken cancellationToken);
}

internal sealed class ModuleMigrator<TContext>(TContext context) : IModuleMigrator
    where TContext : ModuleDbContext
{
    /// <summary>
    /// Creates the module's history table first (with the script EF Core itself runs when it finds none), because EF Core
    /// reads that table before creating it and logs the failed read on an empty database as an error (dotnet/efcore#35690):
    /// a first start on PostgreSQL logged seven false <c>Failed executing DbCommand</c> errors.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        string createHistory = context.GetService<IHistoryRepository>().GetCreateIfNotExistsScript();
        await context.Database.ExecuteSqlRawAsync(createHistory, cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
    }

    public Task<IEnumerable<string>> PendingAsync(CancellationToken cancellationToken) => context.Database.GetPendingMigrationsAsync(cancellationToken);
}
