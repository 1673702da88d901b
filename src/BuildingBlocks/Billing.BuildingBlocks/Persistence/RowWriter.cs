using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// Writes rows of one entity type straight to SQLite with one prepared statement reused for every row: for bulk
/// work (the bill run), where EF Core's per-row command building, statement preparation and change tracking cost
/// many times the write itself. The statement and each value's conversion come from the DbContext's model, so a row
/// is stored exactly as SaveChanges stores it (a test compares them); a key the database generates (an
/// autoincrement sequence) is left to the database. It writes in the session's open transaction and tracks nothing:
/// entities it writes are not known to the DbContext. The statement runs on SQLite's own API (the handle of the
/// session's connection), binding values by position: Microsoft.Data.Sqlite looks every parameter up by name on
/// every execution, which measured as half the cost of a bill-run row. Values are bound in the storage class and text
/// format Microsoft.Data.Sqlite uses for EF Core's provider types (RowWriterTests compare the stored rows).
/// </summary>
public sealed class RowWriter<T> : IDisposable
    where T : class
{
    private readonly sqlite3 connection;
    private readonly sqlite3_stmt statement;
    private readonly Column[] columns;
    private byte[] utf8 = new byte[256];

    private RowWriter(sqlite3 connection, sqlite3_stmt statement, Column[] columns)
    {
        this.connection = connection;
        this.statement = statement;
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
        string values = string.Join(", ", written.Select((_, i) => $"?{i + 1}"));
        return Create(db, $"INSERT INTO {Quote(entityType.GetTableName()!)} ({names}) VALUES ({values})", written);
    }

    /// <summary>An UPDATE of every mapped column but the key, of the row with the entity's key.</summary>
    public static RowWriter<T> Updating(ModuleDbContext db)
    {
        var entityType = EntityTypeOf(db);
        var set = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var key = entityType.FindPrimaryKey()!.Properties;
        string assignments = string.Join(", ", set.Select((p, i) => $"{Quote(p.GetColumnName())} = ?{i + 1}"));
        string match = string.Join(" AND ", key.Select((p, i) => $"{Quote(p.GetColumnName())} = ?{set.Count + i + 1}"));
        return Create(db, $"UPDATE {Quote(entityType.GetTableName()!)} SET {assignments} WHERE {match}", [.. set, .. key]);
    }

    /// <summary>
    /// Writes one row. <paramref name="ownerKey"/> is the value of an owned entity's one shadow property, the key of
    /// its owner. Throws when an update finds no row to change, so the caller's transaction rolls back.
    /// </summary>
    public void Write(T entity, object? ownerKey = null)
    {
        try
        {
            for (int i = 0; i < columns.Length; i++)
            {
                var column = columns[i];
                object? value = column.Getter is null ? ownerKey : column.Getter.GetClrValue(entity);
                if (value is not null && column.Converter is not null)
                {
                    value = column.Converter.ConvertToProvider(value);
                }

                Check(Bind(i + 1, value));
            }

            int result = raw.sqlite3_step(statement);
            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }

        if (raw.sqlite3_changes(connection) != 1)
        {
            throw new InvalidOperationException($"{raw.sqlite3_sql(statement).utf8_to_string()} changed no row.");
        }
    }

    public void Dispose() => statement.Dispose();

    /// <summary>Binds as Microsoft.Data.Sqlite binds EF Core's provider values (TEXT for decimal, date-time and Guid).</summary>
    private int Bind(int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => BindText(index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        decimal number => BindText(index, number.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        DateTime instant => BindText(index, instant.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        Guid id => BindText(index, id.ToString().ToUpperInvariant()),
        double number => raw.sqlite3_bind_double(statement, index, number),
        Enum member => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(member, CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"RowWriter cannot bind a {value.GetType().Name} ({typeof(T).Name}); add it with the format Microsoft.Data.Sqlite uses."),
    };

    /// <summary>Text as UTF-8 from one reused buffer (SQLite copies it), not a new byte array per value.</summary>
    private int BindText(int index, string text)
    {
        int length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (utf8.Length < length)
        {
            utf8 = new byte[Math.Max(length, utf8.Length * 2)];
        }

        int written = Encoding.UTF8.GetBytes(text, utf8);
        return raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, written));
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, connection);
        }
    }

    private static RowWriter<T> Create(ModuleDbContext db, string sql, IReadOnlyList<IProperty> properties)
    {
        if (db.Session.Transaction is null)
        {
            throw new InvalidOperationException("Rows are written inside the session's transaction; none is open.");
        }

        var columns = properties
            .Select(p => new Column(p.IsShadowProperty() ? null : p.GetGetter(), p.GetTypeMapping().Converter))
            .ToArray();
        if (columns.Count(c => c.Getter is null) > 1)
        {
            throw new NotSupportedException($"{typeof(T).Name} has more than one shadow property; RowWriter fills one (the owner's key).");
        }

        var connection = db.Session.Connection.Handle!;
        int prepared = raw.sqlite3_prepare_v2(connection, sql, out sqlite3_stmt statement);
        if (prepared != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(prepared, connection);
        }

        return new RowWriter<T>(connection, statement, columns);
    }

    private static IEntityType EntityTypeOf(DbContext db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {db.GetType().Name}'s model.");

    private static string Quote(string name) => $"\"{name}\"";

    private sealed record Column(IClrPropertyGetter? Getter, ValueConverter? Converter);
}
