using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// <see cref="RowWriter{T}"/> on PostgreSQL: one prepared command on the session's connection and transaction, its
/// parameters made by each column's EF Core type mapping (so a value is converted and typed exactly as SaveChanges
/// sends it) and reused for every row.
/// </summary>
internal sealed class PostgresRowWriter<T> : RowWriter<T>
    where T : class
{
    private readonly NpgsqlCommand command;
    private readonly Column[] columns;

    private PostgresRowWriter(NpgsqlCommand command, Column[] columns)
    {
        this.command = command;
        this.columns = columns;
    }

    /// <summary>A writer of <paramref name="sql"/>'s rows, its parameters (<c>@p0</c> …) bound to <paramref name="properties"/>.</summary>
    public static PostgresRowWriter<T> Create(ModuleDbContext db, string sql, IReadOnlyList<IProperty> properties)
    {
        var command = (NpgsqlCommand)db.Session.Connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)db.Session.Transaction!;
        command.CommandText = sql;
        var columns = new Column[properties.Count];
        for (int i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            var parameter = mapping.CreateParameter(command, $"p{i}", null, property.IsNullable);
            command.Parameters.Add(parameter);
            columns[i] = new Column(property.IsShadowProperty() ? null : property.GetGetter(), mapping);
        }

        command.Prepare();
        return new PostgresRowWriter<T>(command, columns);
    }

    public override void Write(T entity, object? ownerKey = null)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            object? value = column.Getter is null ? ownerKey : column.Getter.GetClrValue(entity);
            if (value is not null && column.Mapping.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            command.Parameters[i].Value = value ?? DBNull.Value;
        }

        if (command.ExecuteNonQuery() != 1)
        {
            throw NoRowChanged(command.CommandText);
        }
    }

    public override void Dispose() => command.Dispose();

    private sealed record Column(IClrPropertyGetter? Getter, RelationalTypeMapping Mapping);
}
