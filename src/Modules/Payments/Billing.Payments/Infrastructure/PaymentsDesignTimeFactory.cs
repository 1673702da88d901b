using Billing.BuildingBlocks.Persistence;

namespace Billing.Payments.Infrastructure;

/// <summary>Builds the context for <c>dotnet ef</c>'s PostgreSQL migrations (scripts/add-postgres-migration.sh).</summary>
internal sealed class PaymentsDesignTimeFactory() : PostgresDesignTimeFactory<PaymentsDbContext>(PaymentsDbContext.TablePrefix);
