using Billing.BuildingBlocks.Persistence;

namespace Billing.BuildingBlocks.Idempotency;

/// <summary>Builds the context for <c>dotnet ef</c>'s PostgreSQL migrations (scripts/add-postgres-migration.sh).</summary>
internal sealed class PlatformDesignTimeFactory() : PostgresDesignTimeFactory<PlatformDbContext>(PlatformDbContext.TablePrefix);
