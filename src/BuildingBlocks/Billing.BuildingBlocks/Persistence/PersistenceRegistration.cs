using Billing.BuildingBlocks.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.BuildingBlocks.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// Registers a module's DbContext on the scope's shared connection (the context takes it from the
    /// <see cref="DbSession"/>), with its own migrations history table, and its outbox for the dispatcher. The
    /// options are built once: options that name the scope's connection were rebuilt, and compared with EF Core's
    /// cached ones, for every context of every request.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string tablePrefix)
        where TContext : ModuleDbContext
    {
        services.AddDbContext<TContext>(
            options => options
                .UseSqlite(sqlite => sqlite.MigrationsHistoryTable($"__{tablePrefix}_migrations"))
                .AddInterceptors(AmbientTransactionInterceptor.Instance)
                // Migrations are hand-written (the design-time package does not restore here), so there is no
                // model snapshot to compare with; MigrationSchemaTests prove migrations equal the model instead.
                .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning)),
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<IModuleOutbox, ModuleOutbox<TContext>>();
        services.AddScoped<IModuleMigrator, ModuleMigrator<TContext>>();
        return services;
    }
}

/// <summary>Applies one module's migrations.</summary>
public interface IModuleMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);
}

internal sealed class ModuleMigrator<TContext>(TContext context) : IModuleMigrator
    where TContext : ModuleDbContext
{
    public Task MigrateAsync(CancellationToken cancellationToken) => context.Database.MigrateAsync(cancellationToken);
}
