using Billing.BuildingBlocks.Persistence;

namespace Billing.Coupons.Infrastructure;

/// <summary>Builds the context for <c>dotnet ef</c>'s PostgreSQL migrations (scripts/add-postgres-migration.sh).</summary>
internal sealed class CouponsDesignTimeFactory() : PostgresDesignTimeFactory<CouponsDbContext>(CouponsDbContext.TablePrefix);
