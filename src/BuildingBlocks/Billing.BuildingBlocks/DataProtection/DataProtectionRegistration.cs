using Billing.BuildingBlocks.Idempotency;
using Billing.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.BuildingBlocks.DataProtection;

/// <summary>
/// ASP.NET Core Data Protection for the secrets the service keeps at rest (issue 16: webhook signing secrets) and for
/// its cookies. Every host of one installation must read the same key ring: <c>Billing:DataProtection:KeysDirectory</c>
/// when set (a directory every host mounts); otherwise on SQLite a directory beside the database
/// (<c>&lt;data directory&gt;/data-protection-keys</c>), and on PostgreSQL the <c>platform_data_protection_keys</c> table
/// of the shared database. The application name is fixed, so hosts installed in different folders share the keys.
/// </summary>
public static class DataProtectionRegistration
{
    public const string ApplicationName = "Billing";

    /// <summary>The keys' folder inside the data directory when no other place is configured (SQLite).</summary>
    public const string DefaultKeysFolder = "data-protection-keys";

    public static IServiceCollection AddBillingDataProtection(this IServiceCollection services, BillingDatabase database, string? keysDirectory, string dataDirectory)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (keysDirectory is { Length: > 0 })
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keysDirectory)));
        }
        else if (database.Provider == DatabaseProvider.Postgres)
        {
            dataProtection.PersistKeysToDbContext<PlatformDbContext>();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, DefaultKeysFolder)));
        }

        return services;
    }
}
