using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// <see cref="RowWriter{T}"/> on PostgreSQL: multi-row statements of up to <see cref="MaxRows"/> rows each, one round
/// trip apiece, on the session's connection and transaction — an <c>INSERT … VALUES (…), (…)</c>, or an <c>UPDATE … FROM
/// (VALUES (…), (…)) AS v</c> joined on the key. A statement per row sent one by one was a round trip per row: the bill
/// run renewed a few hundred subscriptions a second (issue 19). Each value is a parameter made by its column's EF Core
/// type mapping, so it is converted and typed exactly as SaveChanges sends it; a statement must change as many rows as
/// it was given, or the write throws.
/// </summary>
internal sealed class PostgresRowWriter<T> : RowWriter<T>
    where T : class
{
    /// <summary>Rows per statement: a round trip's latency spread thin, within PostgreSQL's 65,535 parameters a statement.</summary>
    private const int MaxRows = 500;

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly RowStatement statement;
    private readonly Column[] columns;
    private readonly int rowsPerStatement;
    private readonly NpgsqlCommand parameterSource;

    private PostgresRowWriter(ModuleDbContext db, RowStatement statement)
    {
        connection = (NpgsqlConnection)db.Session.Connection;
        transaction = (NpgsqlTransaction)db.Session.Transaction!;
        this.statement = statement;
        columns = [.. statement.Properties.Select(p => new Column(p.IsShadowProperty() ? null : p.GetGetter(), (RelationalTypeMapping)p.GetTypeMapping(), p.IsNullable, p.GetColumnType()))];
        rowsPerStatement = Math.Min(MaxRows, ushort.MaxValue / columns.Length);
        parameterSource = connection.CreateCommand();
    }

    public static PostgresRowWriter<T> Create(ModuleDbContext db, RowStatement statement) => new(db, statement);

    public override void Dispose() => parameterSource.Dispose();

    private protected override void WriteAll(IEnumerable<(T Row, object? OwnerKey)> rows)
    {
        var pending = new List<(T Row, object? OwnerKey)>(rowsPerStatement);
        foreach (var row in rows)
        {
            pending.Add(row);
            if (pending.Count == rowsPerStatement)
            {
                Execute(pending);
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            Execute(pending);
        }
    }

    private void Execute(List<(T Row, object? OwnerKey)> rows)
    {
        using var command = new NpgsqlCommand(Sql(rows.Count), connection, transaction);
        foreach (var (row, ownerKey) in rows)
        {
            foreach (var column in columns)
            {
                object? value = column.Getter is null ? ownerKey : column.Getter.GetClrValue(row);
                command.Parameters.Add((NpgsqlParameter)column.Mapping.CreateParameter(parameterSource, string.Empty, value, column.Nullable));
            }
        }

        int changed = command.ExecuteNonQuery();
        if (changed != rows.Count)
        {
            throw statement.RowsMissing(rows.Count, changed);
        }
    }

    /// <summary>
    /// The statement for <paramref name="rows"/> rows, values as positional parameters (<c>$1</c> …), row after row. An
    /// UPDATE's values are cast to their columns' types, as a VALUES list has no column to take a type from.
    /// </summary>
    private string Sql(int rows)
    {
        var all = Enumerable.Range(0, columns.Length);
        string values = string.Join(", ", Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", all.Select(i => statement.KeyCount == 0 ? $"${(row * columns.Length) + i + 1}" : $"CAST(${(row * columns.Length) + i + 1} AS {columns[i].StoreType})")) + ")"));
        string names = string.Join(", ", all.Select(statement.Column));
        if (statement.KeyCount == 0)
        {
            return $"INSERT INTO {statement.Table} ({names}) VALUES {values}";
        }

        int set = columns.Length - statement.KeyCount;
        string assignments = string.Join(", ", all.Take(set).Select(i => $"{statement.Column(i)} = v.{statement.Column(i)}"));
        string match = string.Join(" AND ", all.Skip(set).Select(i => $"t.{statement.Column(i)} = v.{statement.Column(i)}"));
        return $"UPDATE {statement.Table} AS t SET {assignments} FROM (VALUES {values}) AS v ({names}) WHERE {match}";
    }

    private sealed record Column(IClrPropertyGetter? Getter, RelationalTypeMapping Mapping, bool Nullable, string StoreType);
}
