using Billing.BuildingBlocks.Persistence;
using Billing.Webhooks.Domain;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Infrastructure;

internal sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options)
    : ModuleDbContext(options, TablePrefix)
{
    public new const string TablePrefix = "webhooks";

    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookEvent> Events => Set<WebhookEvent>();

    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> Attempts => Set<WebhookAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<WebhookEndpoint>(endpoint =>
        {
            endpoint.ToTable("webhooks_endpoints");
            endpoint.HasKey(e => e.Id);
            endpoint.Property(e => e.State).HasWireConversion();
            endpoint.Property(e => e.Events).HasJsonConversion();
            endpoint.HasIndex(e => new { e.CreatedAt, e.Id });
        });
        modelBuilder.Entity<WebhookEvent>(webhookEvent =>
        {
            webhookEvent.ToTable("webhooks_events");
            webhookEvent.HasKey(e => e.Sequence);
            webhookEvent.Property(e => e.Id).IsRequired();
            webhookEvent.HasIndex(e => e.Id).IsUnique();
        });
        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhooks_deliveries");
            delivery.HasKey(d => d.Sequence);
            delivery.Property(d => d.Id).IsRequired();
            delivery.HasIndex(d => d.Id).IsUnique();
            delivery.Property(d => d.Status).HasWireConversion();
            // One delivery per event and endpoint, whatever the redelivery of the integration event.
            delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();

            // Issue 16: an endpoint's delivery log pages newest first as an index seek.
            delivery.HasIndex(d => new { d.EndpointId, d.Sequence });
            // The delivery run's scan: due pending deliveries.
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
            delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WebhookAttempt>(attempt =>
        {
            attempt.ToTable("webhooks_attempts");
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.Outcome).HasWireConversion();
            attempt.HasIndex(a => a.DeliveryId);
        });
    }
}
