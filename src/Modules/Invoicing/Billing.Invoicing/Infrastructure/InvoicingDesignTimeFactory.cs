using Billing.BuildingBlocks.Persistence;

namespace Billing.Invoicing.Infrastructure;

/// <summary>Builds the context for <c>dotnet ef</c>'s PostgreSQL migrations (scripts/add-postgres-migration.sh).</summary>
internal sealed class InvoicingDesignTimeFactory() : PostgresDesignTimeFactory<InvoicingDbContext>(InvoicingDbContext.TablePrefix);
