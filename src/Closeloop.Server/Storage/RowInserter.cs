using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Closeloop.Server.Storage;

/// <summary>
/// Inserts new rows in one round trip for the intake hot path, skipping change tracking and SQL
/// generation. Column names and value conversions come from the EF model itself, so these inserts
/// cannot drift from the mappings; everything else goes through EF.
/// </summary>
internal static class RowInserter
{
    private static readonly ConcurrentDictionary<(Type Db, Type Entity), Insert> Inserts = new();

    /// <summary>Inserts <paramref name="rows"/> atomically: all of them or none.</summary>
    public static async Task InsertAsync(CloseloopDb db, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        using var gate = await db.WriteGateAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            var sql = new StringBuilder();
            for (var i = 0; i < rows.Count; i++)
            {
                var insert = Inserts.GetOrAdd((db.GetType(), rows[i].GetType()), key => Insert.For(db.Model.FindEntityType(key.Entity)!));
                insert.Append(sql, command, rows[i], i);
            }
            command.CommandText = sql.ToString();
            // PostgreSQL runs the statements of one command in one implicit transaction; SQLite needs an explicit one.
            await using var transaction = db is SqliteCloseloopDb ? await connection.BeginTransactionAsync(cancellationToken) : null;
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
            if (transaction is not null)
                await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class Insert(string table, IReadOnlyList<StoreColumn> columns)
    {
        public static Insert For(IEntityType entity) => new(entity.GetTableName()!, StoreColumn.AllOf(entity));

        public void Append(StringBuilder sql, DbCommand command, object row, int index)
        {
            sql.Append("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES (");
            for (var c = 0; c < columns.Count; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@r{index}c{c}";
                parameter.Value = columns[c].ValueOf(row) ?? DBNull.Value;
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
            }
            sql.Append(");\n");
        }
    }
}
