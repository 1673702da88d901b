using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// <see cref="RowWriter{T}"/> on PostgreSQL: the rows go to the server in batches (<see cref="NpgsqlBatch"/>) of up to
/// <see cref="BatchSize"/> statements, one round trip each, on the session's connection and transaction. A statement
/// per row sent one by one was a round trip per row: the bill run renewed a few hundred subscriptions a second (issue
/// 19). Each value is a parameter made by its column's EF Core type mapping, so it is converted and typed exactly as
/// SaveChanges sends it; each statement must change exactly one row.
/// </summary>
internal sealed class PostgresRowWriter<T> : RowWriter<T>
    where T : class
{
    /// <summary>Statements per round trip: enough that the trip's latency is spread thin, few enough that a batch's parameters stay small.</summary>
    private const int BatchSize = 500;

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly string sql;
    private readonly Column[] columns;
    private readonly NpgsqlCommand parameterSource;

    private PostgresRowWriter(ModuleDbContext db, string sql, Column[] columns)
    {
        connection = (NpgsqlConnection)db.Session.Connection;
        transaction = (NpgsqlTransaction)db.Session.Transaction!;
        this.sql = sql;
        this.columns = columns;
        parameterSource = connection.CreateCommand();
    }

    /// <summary>A writer of <paramref name="sql"/>'s rows, its positional parameters (<c>$1</c> …) bound to <paramref name="properties"/>.</summary>
    public static PostgresRowWriter<T> Create(ModuleDbContext db, string sql, IReadOnlyList<IProperty> properties) =>
        new(db, sql, [.. properties.Select(p => new Column(p.IsShadowProperty() ? null : p.GetGetter(), (RelationalTypeMapping)p.GetTypeMapping(), p.IsNullable))]);

    public override void Dispose() => parameterSource.Dispose();

    private protected override void WriteAll(IEnumerable<(T Row, object? OwnerKey)> rows)
    {
        using var batch = NewBatch();
        foreach (var (row, ownerKey) in rows)
        {
            var statement = new NpgsqlBatchCommand(sql);
            foreach (var column in columns)
            {
                object? value = column.Getter is null ? ownerKey : column.Getter.GetClrValue(row);
                statement.Parameters.Add((NpgsqlParameter)column.Mapping.CreateParameter(parameterSource, string.Empty, value, column.Nullable));
            }

            batch.BatchCommands.Add(statement);
            if (batch.BatchCommands.Count == BatchSize)
            {
                Execute(batch);
                batch.BatchCommands.Clear();
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            Execute(batch);
        }
    }

    private NpgsqlBatch NewBatch() => new(connection) { Transaction = transaction };

    private static void Execute(NpgsqlBatch batch)
    {
        batch.ExecuteNonQuery();
        foreach (DbBatchCommand statement in batch.BatchCommands)
        {
            if (statement.RecordsAffected != 1)
            {
                throw NoRowChanged(statement.CommandText);
            }
        }
    }

    private sealed record Column(IClrPropertyGetter? Getter, RelationalTypeMapping Mapping, bool Nullable);
}
