using Billing.BuildingBlocks.Persistence;

namespace Billing.Webhooks.Infrastructure;

/// <summary>Builds the context for <c>dotnet ef</c>'s PostgreSQL migrations (scripts/add-postgres-migration.sh).</summary>
internal sealed class WebhooksDesignTimeFactory() : PostgresDesignTimeFactory<WebhooksDbContext>(WebhooksDbContext.TablePrefix);
