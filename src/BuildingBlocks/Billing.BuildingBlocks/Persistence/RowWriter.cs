using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// Writes rows of one entity type straight to the database with one statement reused for every row: for bulk work (the
/// bill run), where EF Core's per-row command building, statement preparation and change tracking cost many times the
/// write itself. The statement and each value's conversion come from the DbContext's model, so a row is stored exactly
/// as SaveChanges stores it (RowWriterTests compare them); a key the database generates (an autoincrement or identity
/// sequence) is left to the database. It writes in the session's open transaction and tracks nothing: entities it
/// writes are not known to the DbContext. Every row is written when <see cref="Insert(ModuleDbContext, IEnumerable{T})"/>
/// or <see cref="Update"/> returns. One implementation per engine: <see cref="SqliteRowWriter{T}"/> (a prepared statement
/// stepped per row, in process) and <see cref="PostgresRowWriter{T}"/> (rows sent in batches, one round trip each).
/// </summary>
public abstract class RowWriter<T> : IDisposable
    where T : class
{
    /// <summary>INSERTs every mapped column of each row.</summary>
    public static void Insert(ModuleDbContext db, IEnumerable<T> rows) => Insert(db, rows.Select(row => (row, (object?)null)));

    /// <summary>
    /// INSERTs every mapped column of each row of an owned type; <c>OwnerKey</c> is the value of its one shadow property,
    /// the key of its owner (whose row must be written first).
    /// </summary>
    public static void Insert(ModuleDbContext db, IEnumerable<(T Row, object? OwnerKey)> rows)
    {
        var entityType = EntityTypeOf(db);
        var written = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToList();
        using var writer = Create(db, new RowStatement(Table(entityType), written, KeyCount: 0));
        writer.WriteAll(rows);
    }

    /// <summary>
    /// UPDATEs every mapped column but the key of each row with the entity's key. Throws when one finds no row to change,
    /// so the caller's transaction rolls back.
    /// </summary>
    public static void Update(ModuleDbContext db, IEnumerable<T> rows)
    {
        var entityType = EntityTypeOf(db);
        var key = entityType.FindPrimaryKey()!.Properties;
        var set = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        using var writer = Create(db, new RowStatement(Table(entityType), [.. set, .. key], key.Count));
        writer.WriteAll(rows.Select(row => (row, (object?)null)));
    }

    public abstract void Dispose();

    /// <summary>Writes every row, each changing exactly one row (else it throws), before it returns.</summary>
    private protected abstract void WriteAll(IEnumerable<(T Row, object? OwnerKey)> rows);

    /// <summary>The writer of <paramref name="statement"/>'s rows on the session's engine.</summary>
    private static RowWriter<T> Create(ModuleDbContext db, RowStatement statement)
    {
        if (db.Session.Transaction is null)
        {
            throw new InvalidOperationException("Rows are written inside the session's transaction; none is open.");
        }

        if (statement.Properties.Count(p => p.IsShadowProperty()) > 1)
        {
            throw new NotSupportedException($"{typeof(T).Name} has more than one shadow property; RowWriter fills one (the owner's key).");
        }

        return db.Session.Provider switch
        {
            DatabaseProvider.Postgres => PostgresRowWriter<T>.Create(db, statement),
            _ => SqliteRowWriter<T>.Create(db, statement),
        };
    }

    private static IEntityType EntityTypeOf(DbContext db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {db.GetType().Name}'s model.");

    /// <summary>The table, with its schema where it has one (PostgreSQL's module schemas).</summary>
    private static string Table(IEntityType entityType) =>
        entityType.GetSchema() is { } schema ? $"{RowStatement.Quote(schema)}.{RowStatement.Quote(entityType.GetTableName()!)}" : RowStatement.Quote(entityType.GetTableName()!);
}
