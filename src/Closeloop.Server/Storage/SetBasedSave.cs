using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Closeloop.Server.Storage;

/// <summary>
/// Saves what a context tracks as one statement per table and kind of change, each over arrays
/// (<c>INSERT … SELECT FROM unnest(…)</c>, <c>UPDATE … FROM unnest(…)</c>), all in one round trip:
/// for batches of hundreds of rows, where saving row by row costs more than the work itself.
/// Concurrency tokens are checked as EF checks them.
/// </summary>
internal static class SetBasedSave
{
    /// <param name="inserts">New rows the context does not track, inserted after its changes.</param>
    public static async Task SaveAsync(DbContext db, IReadOnlyList<object> inserts, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var entries = TrackedEntries(db.ChangeTracker);
        var updates = entries
            .Where(e => e.State is EntityState.Modified)
            .GroupBy(e => (e.Metadata, Modified: string.Join(',', e.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))))
            .ToList();
        // Rows that others refer to go first: updates of existing rows, then inserts.
        var added = entries.Where(e => e.State is EntityState.Added).Select(e => e.Entity)
            .Concat(inserts)
            .GroupBy(row => row.GetType())
            .ToList();
        if (updates.Count == 0 && added.Count == 0)
            return;

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            var expected = new List<int>();
            foreach (var group in updates)
            {
                var rows = group.ToList();
                batch.BatchCommands.Add(Update(rows));
                expected.Add(rows.Count);
            }
            foreach (var group in added)
            {
                batch.BatchCommands.Add(Insert(db.Model.FindEntityType(group.Key)!, [.. group]));
                expected.Add(-1);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
            for (var i = 0; i < expected.Count; i++)
            {
                if (expected[i] >= 0 && batch.BatchCommands[i].RecordsAffected != expected[i])
                    throw new DbUpdateConcurrencyException($"{expected[i]} rows were to be updated, {batch.BatchCommands[i].RecordsAffected} were: another change got there first");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        db.ChangeTracker.AcceptAllChanges();
    }

    // Entries() detects every change again on each call; once, just before, is enough.
    private static List<EntityEntry> TrackedEntries(ChangeTracker tracker)
    {
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries()];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private static NpgsqlBatchCommand Insert(IEntityType entity, List<object> rows)
    {
        var columns = StoreColumn.AllOf(entity);
        var command = new NpgsqlBatchCommand();
        var sql = new StringBuilder($"INSERT INTO {entity.GetTableName()} ({string.Join(", ", columns.Select(c => c.Name))}) SELECT * FROM unnest(");
        for (var c = 0; c < columns.Count; c++)
            sql.Append(c == 0 ? "" : ", ").Append(Array(command, columns[c], rows, columns[c].ValueOf));
        command.CommandText = sql.Append(')').ToString();
        return command;
    }

    private static NpgsqlBatchCommand Update(List<EntityEntry> rows)
    {
        var entity = rows[0].Metadata;
        var keys = entity.FindPrimaryKey()!.Properties.Select(StoreColumn.Of).ToList();
        var changed = rows[0].Properties.Where(p => p.IsModified).Select(p => StoreColumn.Of(p.Metadata)).ToList();
        var tokens = entity.GetProperties().Where(p => p.IsConcurrencyToken).Select(StoreColumn.Of).ToList();
        var command = new NpgsqlBatchCommand();
        var arrays = new List<string>();
        var names = new List<string>();
        foreach (var (column, i) in keys.Select((c, i) => (c, i)))
        {
            arrays.Add(Array(command, column, rows, row => column.ValueOf(row.Entity)));
            names.Add($"k{i}");
        }
        foreach (var (column, i) in changed.Select((c, i) => (c, i)))
        {
            arrays.Add(Array(command, column, rows, row => column.ValueOf(row.Entity)));
            names.Add($"v{i}");
        }
        foreach (var (column, i) in tokens.Select((c, i) => (c, i)))
        {
            arrays.Add(Array(command, column, rows, row => column.Convert(row.Property(column.Property.Name).OriginalValue)));
            names.Add($"t{i}");
        }
        var table = entity.GetTableName();
        command.CommandText = new StringBuilder($"UPDATE {table} SET ")
            .AppendJoin(", ", changed.Select((c, i) => $"{c.Name} = u.v{i}"))
            .Append(" FROM unnest(").AppendJoin(", ", arrays).Append(") AS u(").AppendJoin(", ", names).Append(") WHERE ")
            .AppendJoin(" AND ", keys.Select((c, i) => $"{table}.{c.Name} = u.k{i}").Concat(tokens.Select((c, i) => $"{table}.{c.Name} = u.t{i}")))
            .ToString();
        return command;
    }

    // One array parameter holding a column's values for every row, cast to the column's type.
    private static string Array<T>(NpgsqlBatchCommand command, StoreColumn column, List<T> rows, Func<T, object?> value)
    {
        var values = System.Array.CreateInstance(column.ValueType, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var item = value(rows[r]);
            values.SetValue(item is DateTimeOffset instant ? instant.ToUniversalTime() : item, r);
        }
        var name = $"p{command.Parameters.Count}";
        command.Parameters.Add(new NpgsqlParameter(name, values));
        return $"@{name}::{column.StoreType}[]";
    }
}
