using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// What a writer writes: the table and the properties bound for each row, in order; for an UPDATE the last
/// <paramref name="KeyCount"/> of them are the key that finds the row and the others are set.
/// </summary>
internal sealed record RowStatement(string Table, IReadOnlyList<IProperty> Properties, int KeyCount)
{
    /// <summary>The statement's kind and table, for messages.</summary>
    public string Verb => KeyCount > 0 ? $"UPDATE {Table}" : $"INSERT INTO {Table}";

    /// <summary>The quoted column of the <paramref name="index"/>th property.</summary>
    public string Column(int index) => Quote(Properties[index].GetColumnName());

    /// <summary>The statement for one row, its values the engine's positional parameters.</summary>
    public string OneRow(Func<int, string> parameter)
    {
        var columns = Enumerable.Range(0, Properties.Count);
        if (KeyCount == 0)
        {
            return $"INSERT INTO {Table} ({string.Join(", ", columns.Select(Column))}) VALUES ({string.Join(", ", columns.Select(parameter))})";
        }

        int set = Properties.Count - KeyCount;
        string assignments = string.Join(", ", columns.Take(set).Select(i => $"{Column(i)} = {parameter(i)}"));
        string match = string.Join(" AND ", columns.Skip(set).Select(i => $"{Column(i)} = {parameter(i)}"));
        return $"UPDATE {Table} SET {assignments} WHERE {match}";
    }

    /// <summary>The exception for a write that changed fewer rows than it was given (an UPDATE's row is missing).</summary>
    public InvalidOperationException RowsMissing(int rows, long changed) => new($"{Verb} changed {changed} of {rows} rows.");

    /// <summary>A quoted identifier.</summary>
    public static string Quote(string name) => $"\"{name}\"";
}
