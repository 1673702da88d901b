using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// Writes rows of one entity type straight to SQLite with one prepared statement reused for every row: for bulk
/// work (the bill run), where EF Core's per-row command building, statement preparation and change tracking cost
/// many times the write itself. The statement and each value's conversion come from the DbContext's model, so a row
/// is stored exactly as SaveChanges stores it (a test compares them); a key the database generates (an
/// autoincrement sequence) is left to the database. It writes in the session's open transaction and tracks nothing:
/// entities it writes are not known to the DbContext.
/// </summary>
public sealed class RowWriter<T> : IDisposable
    where T : class
{
    private readonly SqliteCommand command;
    private readonly Column[] columns;

    private RowWriter(SqliteCommand command, Column[] columns)
    {
        this.command = command;
        this.columns = columns;
    }

    /// <summary>An INSERT of every mapped column.</summary>
    public static RowWriter<T> Inserting(ModuleDbContext db)
    {
        var entityType = EntityTypeOf(db);
        var written = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToList();
        string names = string.Join(", ", written.Select(p => Quote(p.GetColumnName())));
        string values = string.Join(", ", written.Select((_, i) => $"$p{i}"));
        return Create(db, $"INSERT INTO {Quote(entityType.GetTableName()!)} ({names}) VALUES ({values})", written);
    }

    /// <summary>An UPDATE of every mapped column but the key, of the row with the entity's key.</summary>
    public static RowWriter<T> Updating(ModuleDbContext db)
    {
        var entityType = EntityTypeOf(db);
        var set = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var key = entityType.FindPrimaryKey()!.Properties;
        string assignments = string.Join(", ", set.Select((p, i) => $"{Quote(p.GetColumnName())} = $p{i}"));
        string match = string.Join(" AND ", key.Select((p, i) => $"{Quote(p.GetColumnName())} = $p{set.Count + i}"));
        return Create(db, $"UPDATE {Quote(entityType.GetTableName()!)} SET {assignments} WHERE {match}", [.. set, .. key]);
    }

    /// <summary>
    /// Writes one row. <paramref name="ownerKey"/> is the value of an owned entity's one shadow property, the key of
    /// its owner. Throws when an update finds no row to change, so the caller's transaction rolls back.
    /// </summary>
    public void Write(T entity, object? ownerKey = null)
    {
        foreach (var column in columns)
        {
            object? value = column.Getter is null ? ownerKey : column.Getter.GetClrValue(entity);
            if (value is not null && column.Converter is not null)
            {
                value = column.Converter.ConvertToProvider(value);
            }
            else if (value is Enum)
            {
                value = Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture);
            }

            column.Parameter.Value = value ?? DBNull.Value;
        }

        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"{command.CommandText} changed no row.");
        }
    }

    public void Dispose() => command.Dispose();

    private static RowWriter<T> Create(ModuleDbContext db, string sql, IReadOnlyList<IProperty> properties)
    {
        var transaction = db.Session.Transaction
            ?? throw new InvalidOperationException("Rows are written inside the session's transaction; none is open.");
        var command = db.Session.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var columns = new Column[properties.Count];
        for (int i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var parameter = command.Parameters.Add(new SqliteParameter($"$p{i}", null));
            columns[i] = new Column(parameter, property.IsShadowProperty() ? null : property.GetGetter(), property.GetTypeMapping().Converter);
        }

        if (columns.Count(c => c.Getter is null) > 1)
        {
            command.Dispose();
            throw new NotSupportedException($"{typeof(T).Name} has more than one shadow property; RowWriter fills one (the owner's key).");
        }

        return new RowWriter<T>(command, columns);
    }

    private static IEntityType EntityTypeOf(DbContext db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {db.GetType().Name}'s model.");

    private static string Quote(string name) => $"\"{name}\"";

    private sealed record Column(SqliteParameter Parameter, IClrPropertyGetter? Getter, ValueConverter? Converter);
}
