using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// Writes rows of one entity type straight to the database with one prepared statement reused for every row: for bulk
/// work (the bill run), where EF Core's per-row command building, statement preparation and change tracking cost
/// many times the write itself. The statement and each value's conversion come from the DbContext's model, so a row
/// is stored exactly as SaveChanges stores it (RowWriterTests compare them); a key the database generates (an
/// autoincrement or identity sequence) is left to the database. It writes in the session's open transaction and
/// tracks nothing: entities it writes are not known to the DbContext. One implementation per engine:
/// <see cref="SqliteRowWriter{T}"/> and <see cref="PostgresRowWriter{T}"/>.
/// </summary>
public abstract class RowWriter<T> : IDisposable
    where T : class
{
    /// <summary>An INSERT of every mapped column.</summary>
    public static RowWriter<T> Inserting(ModuleDbContext db)
    {
        var entityType = EntityTypeOf(db);
        var written = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToList();
        string names = string.Join(", ", written.Select(p => Quote(p.GetColumnName())));
        return Create(db, parameter => $"INSERT INTO {Table(entityType)} ({names}) VALUES ({string.Join(", ", written.Select((_, i) => parameter(i)))})", written);
    }

    /// <summary>An UPDATE of every mapped column but the key, of the row with the entity's key.</summary>
    public static RowWriter<T> Updating(ModuleDbContext db)
    {
        var entityType = EntityTypeOf(db);
        var set = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var key = entityType.FindPrimaryKey()!.Properties;
        return Create(
            db,
            parameter =>
            {
                string assignments = string.Join(", ", set.Select((p, i) => $"{Quote(p.GetColumnName())} = {parameter(i)}"));
                string match = string.Join(" AND ", key.Select((p, i) => $"{Quote(p.GetColumnName())} = {parameter(set.Count + i)}"));
                return $"UPDATE {Table(entityType)} SET {assignments} WHERE {match}";
            },
            [.. set, .. key]);
    }

    /// <summary>
    /// Writes one row. <paramref name="ownerKey"/> is the value of an owned entity's one shadow property, the key of
    /// its owner. Throws when an update finds no row to change, so the caller's transaction rolls back.
    /// </summary>
    public abstract void Write(T entity, object? ownerKey = null);

    public abstract void Dispose();

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
            DatabaseProvider.Postgres => PostgresRowWriter<T>.Create(db, sql(i => $"@p{i}"), properties),
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
