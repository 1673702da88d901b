using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Host.OpenApi;
using Billing.SharedKernel;

namespace Billing.Host.Backups;

/// <summary>Online backups of the embedded database (admin; issue 23). The README's Backups section has the restore procedure.</summary>
internal static class BackupEndpoints
{
    public static IServiceCollection AddDatabaseBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BackupOptions>(configuration.GetSection("Billing:Backups"));
        return services.AddSingleton<DatabaseBackups>();
    }

    public static void MapBackupEndpoints(this IEndpointRouteBuilder api, string dataDirectory)
    {
        var backups = api.MapGroup("/backups").WithTags("Operations").RequireAuthorization(Roles.AdminPolicy);
        backups.MapPost("/", async (HttpRequest request, DatabaseBackups database, CancellationToken ct) =>
                request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0
                    ? Error.Validation("body", "This operation takes no body: send the POST without one.").ToProblem()
                    : (await database.CreateAsync(dataDirectory, ct)).ToCreated(backup => $"/api/backups/{backup.Name}"))
            .WithName("CreateBackup").Refuses(StatusCodes.Status422UnprocessableEntity, "backup_failed").Refuses(StatusCodes.Status422UnprocessableEntity, "backup_not_supported").Produces<BackupDto>(StatusCodes.Status201Created).WithSummary("Takes an online backup of the embedded database while it takes writes");
        backups.MapGet("/{name}", (string name, DatabaseBackups database) =>
                database.FileOf(dataDirectory, name) is { } file
                    ? Results.File(file, "application/vnd.sqlite3", name)
                    : HostErrors.BackupNotFound(name).ToProblem())
            .WithName("DownloadBackup").Produces<Stream>(StatusCodes.Status200OK, "application/vnd.sqlite3").WithSummary("Downloads a backup file");
    }
}
