using Billing.BuildingBlocks.Persistence;

namespace Billing.Subscriptions.Infrastructure;

/// <summary>Builds the context for <c>dotnet ef</c>'s PostgreSQL migrations (scripts/add-postgres-migration.sh).</summary>
internal sealed class SubscriptionsDesignTimeFactory() : PostgresDesignTimeFactory<SubscriptionsDbContext>(SubscriptionsDbContext.TablePrefix);
