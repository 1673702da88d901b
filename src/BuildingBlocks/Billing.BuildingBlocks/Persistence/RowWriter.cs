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
        string names = string.Join(", ", written.Select(p => Quote(p.GetColumnName())));
        using var writer = Create(db, parameter => $"INSERT INTO {Table(entityType)} ({names}) VALUES ({string.Join(", ", written.Select((_, i) => parameter(i)))})", written);
        writer.WriteAll(rows);
    }

    /// <summary>
    /// UPDATEs every mapped column but the key of each row with the entity's key. Throws when one finds no row to change,
    /// so the caller's transaction rolls back.
    /// </summary>
    public static void Update(ModuleDbContext db, IEnumerable<T> rows)
    {
        var entityType = EntityTypeOf(db);
        var set = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var key = entityType.FindPrimaryKey()!.Properties;
        using var writer = Create(
            db,
            parameter =>
            {
                string assignments = string.Join(", ", set.Select((p, i) => $"{Quote(p.GetColumnName())} = {parameter(i)}"));
                string match = string.Join(" AND ", key.Select((p, i) => $"{Quote(p.GetColumnName())} = {parameter(set.Count + i)}"));
                return $"UPDATE {Table(entityType)} SET {assignments} WHERE {match}";
            },
            [.. set, .. key]);
        writer.WriteAll(rows.Select(row => (row, (object?)null)));
    }

    public abstract void Dispose();

    /// <summary>Writes every row, each changing exactly one row (else it throws), before it returns.</summary>
    private protected abstract void WriteAll(IEnumerable<(T Row, object? OwnerKey)> rows);

    /// <summary>The exception for a write that changed no row.</summary>
    private protected static InvalidOperationException NoRowChanged(string sql) => new($"{sql} changed no row.");

    /// <summary>The statement (its parameters named by position, the engine's way) and its writer on the session's engine.</summary>
    private static RowWriter<T> Create(ModuleDbContext db, Func<Func<int, string>, string> sql, IReadOnlyList<IProperty> properties)
    {
        if (db.Session.Transaction is null)
        {
            throw new InvalidOperationException("Rows are written inside the session's transaction; none is open.");
        }

        if (properties.Count(p => p.IsShadowProperty()) > 1)
        {
            throw new NotSupportedException($"{typeof(T).Name} has more than one shadow property; RowWriter fills one (the owner's key).");
        }

        return db.Session.Provider switch
        {
            DatabaseProvider.Postgres => PostgresRowWriter<T>.Create(db, sql(i => $"${i + 1}"), properties),
            _ => SqliteRowWriter<T>.Create(db, sql(i => $"?{i + 1}"), properties),
        };
    }

    private static IEntityType EntityTypeOf(DbContext db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {db.GetType().Name}'s model.");

    /// <summary>The table, with its schema where it has one (PostgreSQL's module schemas).</summary>
    private static string Table(IEntityType entityType) =>
        entityType.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(entityType.GetTableName()!)}" : Quote(entityType.GetTableName()!);

    private static string Quote(string name) => $"\"{name}\"";
}
