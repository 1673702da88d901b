using System.Text.Json;
using Billing.BuildingBlocks.Outbox;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// Base of each module's DbContext: its tables carry the module's prefix, it owns an outbox and an
/// inbox, and its writes go into the scope's transaction.
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    protected ModuleDbContext(DbContextOptions options, string tablePrefix)
        : base(options)
    {
        TablePrefix = tablePrefix;
    }

    /// <summary>The scope's session, whose connection and transaction this context uses; set when the scope leases it.</summary>
    public DbSession Session { get; private set; } = null!;

    public string TablePrefix { get; }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    /// <summary>
    /// Binds a context leased from the pool to the scope's session: its connection (which the context does not own)
    /// and, through <see cref="Session"/>, its transaction and outbox signal.
    /// </summary>
    internal void Attach(DbSession session)
    {
        Session = session;
        Database.SetDbConnection(session.Connection, contextOwnsConnection: false);
    }

    /// <summary>Queues an integration event; it is stored by the same SaveChanges as the state change.</summary>
    public void Publish(IIntegrationEvent integrationEvent)
    {
        OutboxMessages.Add(ToOutboxMessage(integrationEvent));
        Session.Published();
    }

    /// <summary>
    /// Stores integration events in the outbox at once, with <see cref="RowWriter{T}"/>, in the open transaction: for
    /// bulk work that writes its state the same way, not through SaveChanges.
    /// </summary>
    public void StoreEvents(IEnumerable<IIntegrationEvent> integrationEvents)
    {
        var messages = integrationEvents.Select(ToOutboxMessage).ToList();
        RowWriter<OutboxMessage>.Insert(this, messages);
        if (messages.Count > 0)
        {
            Session.Published();
        }
    }

    /// <summary>Saves in the scope's open transaction, or in one of its own through the session (queued, group-committed).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Session.Transaction is null)
        {
            return await Session.InTransactionAsync(() => SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), _ => true);
        }

        await EnlistAsync(cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Instants are stored as UTC date-times: readable in the file, and comparable and sortable in SQL
    /// (EF Core cannot translate DateTimeOffset comparisons on SQLite).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Database.IsNpgsql())
        {
            // One schema per module on PostgreSQL, named as the module's table prefix (issue 19).
            modelBuilder.HasDefaultSchema(TablePrefix);
        }

        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable($"{TablePrefix}_outbox");
            outbox.HasKey(m => m.Sequence);
            outbox.HasIndex(m => m.EventId).IsUnique();
            outbox.Property(m => m.Type).IsRequired();
            outbox.Property(m => m.Payload).IsRequired();
            outbox.HasIndex(m => m.ProcessedAt);
        });
        modelBuilder.Entity<InboxRecord>(inbox =>
        {
            inbox.ToTable($"{TablePrefix}_inbox");
            inbox.HasKey(r => new { r.EventId, r.Handler });
        });
    }

    private static OutboxMessage ToOutboxMessage(IIntegrationEvent integrationEvent) => new()
    {
        EventId = integrationEvent.EventId,
        Type = OutboxMessage.TypeName(integrationEvent.GetType()),
        Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), OutboxMessage.JsonOptions),
        OccurredAt = integrationEvent.OccurredAt,
    };

    private async Task EnlistAsync(CancellationToken cancellationToken)
    {
        var ambient = Session.Transaction;
        if (Database.CurrentTransaction?.GetDbTransaction() != ambient)
        {
            await Database.UseTransactionAsync(ambient, cancellationToken);
        }
    }
}
