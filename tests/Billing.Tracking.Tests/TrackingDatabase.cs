using Billing.BuildingBlocks.Mediation;
using Billing.BuildingBlocks.Persistence;
using Billing.Tracking.Application.RecordConversions;
using Billing.Tracking.Domain;
using Billing.Tracking.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tracking.Tests;

/// <summary>The Tracking module alone on a migrated SQLite file in a temporary directory.</summary>
internal sealed class TrackingDatabase : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "billing-tracking-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider? provider;

    private ServiceProvider Provider => provider ?? throw new InvalidOperationException("Not created.");

    public static async Task<TrackingDatabase> CreateAsync()
    {
        var database = new TrackingDatabase();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddBillingMediation(database.directory);
        services.AddTrackingModule();
        database.provider = services.BuildServiceProvider();
        await database.InScopeAsync(db => db.Database.MigrateAsync());
        return database;
    }

    /// <summary>Records through the ledger in one committed transaction, as a command does.</summary>
    public async Task<LedgerEntry> RecordAsync(Conversion conversion)
    {
        await using var scope = Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DbSession>().InTransactionAsync(
            () => scope.ServiceProvider.GetRequiredService<ConversionLedger>().RecordAsync(conversion, CancellationToken.None),
            _ => true);
    }

    public async Task InScopeAsync(Func<TrackingDbContext, Task> work)
    {
        await using var scope = Provider.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TrackingDbContext>());
    }

    public async Task<T> QueryAsync<T>(Func<TrackingDbContext, Task<T>> query)
    {
        await using var scope = Provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TrackingDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
