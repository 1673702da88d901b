using System.Collections.Concurrent;
using System.Text.Json;

namespace Billing.BuildingBlocks.Outbox;

/// <summary>An integration event waiting in (or delivered from) its module's outbox table.</summary>
public sealed class OutboxMessage
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Insertion order; events of one module are delivered in this order.</summary>
    public long Sequence { get; set; }

    public Guid EventId { get; set; }

    /// <summary>The event's CLR type as "Namespace.Type, Assembly" (no version, so upgrades still read it).</summary>
    public string Type { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>Type names by type: <see cref="System.Reflection.Assembly.GetName()"/> allocates and copies the assembly's metadata at each call.</summary>
    private static readonly ConcurrentDictionary<Type, string> TypeNames = new();

    internal static string TypeName(Type type) =>
        TypeNames.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");
}

/// <summary>Records that a handler processed an event, so a redelivered event changes nothing twice.</summary>
public sealed class InboxRecord
{
    public Guid EventId { get; set; }

    public string Handler { get; set; } = string.Empty;

    public DateTimeOffset ProcessedAt { get; set; }
}
