using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// <see cref="RowWriter{T}"/> on SQLite. The statement runs on SQLite's own API (the handle of the session's
/// connection), binding values by position: Microsoft.Data.Sqlite looks every parameter up by name on every execution,
/// which measured as half the cost of a bill-run row. Values are bound in the storage class and text format
/// Microsoft.Data.Sqlite uses for EF Core's provider types (RowWriterTests compare the stored rows).
/// </summary>
internal sealed class SqliteRowWriter<T> : RowWriter<T>
    where T : class
{
    private readonly sqlite3 connection;
    private readonly RowStatement rowStatement;
    private readonly sqlite3_stmt statement;
    private readonly Column[] columns;
    private byte[] utf8 = new byte[256];

    private SqliteRowWriter(sqlite3 connection, RowStatement rowStatement, sqlite3_stmt statement, Column[] columns)
    {
        this.connection = connection;
        this.rowStatement = rowStatement;
        this.statement = statement;
        this.columns = columns;
    }

    /// <summary>A writer of <paramref name="rowStatement"/>'s rows: its one-row statement prepared, parameters <c>?1</c> … bound to its properties.</summary>
    public static SqliteRowWriter<T> Create(ModuleDbContext db, RowStatement rowStatement)
    {
        var columns = rowStatement.Properties
            .Select(p => new Column(p.IsShadowProperty() ? null : p.GetGetter(), p.GetTypeMapping().Converter))
            .ToArray();
        var connection = ((SqliteConnection)db.Session.Connection).Handle!;
        int prepared = raw.sqlite3_prepare_v2(connection, rowStatement.OneRow(i => $"?{i + 1}"), out sqlite3_stmt preparedStatement);
        if (prepared != raw.SQLITE_OK)
        {
            preparedStatement.Dispose();
            SqliteException.ThrowExceptionForRC(prepared, connection);
        }

        return new SqliteRowWriter<T>(connection, rowStatement, preparedStatement, columns);
    }

    public override void Dispose() => statement.Dispose();

    private protected override void WriteAll(IEnumerable<(T Row, object? OwnerKey)> rows)
    {
        foreach (var (row, ownerKey) in rows)
        {
            Write(row, ownerKey);
        }
    }

    private void Write(T entity, object? ownerKey)
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
            throw rowStatement.RowsMissing(1, 0);
        }
    }

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

    private sealed record Column(IClrPropertyGetter? Getter, ValueConverter? Converter);
}
