using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// What <c>dotnet ef migrations add</c> builds a module's DbContext with (scripts/add-postgres-migration.sh, issue 19):
/// the context configured exactly as the host configures it on PostgreSQL, so the generated migration and snapshot
/// describe the PostgreSQL model (the module's schema, its history table). Generating a migration connects to no
/// server. Each module derives one in its Infrastructure, naming its context and table prefix.
/// </summary>
public abstract class PostgresDesignTimeFactory<TContext>(string module) : IDesignTimeDbContextFactory<TContext>
    where TContext : ModuleDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        using var database = new PostgresDatabase("Host=localhost;Database=design_time");
        database.Configure(options, module);
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}
