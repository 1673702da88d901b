using Billing.BuildingBlocks.Persistence;

namespace Billing.Tracking.Infrastructure;

/// <summary>Builds the context for <c>dotnet ef</c>'s PostgreSQL migrations (scripts/add-postgres-migration.sh).</summary>
internal sealed class TrackingDesignTimeFactory() : PostgresDesignTimeFactory<TrackingDbContext>(TrackingDbContext.TablePrefix);
