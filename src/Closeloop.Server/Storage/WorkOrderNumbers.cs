using System.Data.Common;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Storage;

/// <summary>
/// Hands out work-order numbers. Sequences are reserved from the database in blocks, outside the
/// order's transaction, so that concurrent intakes never queue on one counter row; the price is a
/// gap in a day's numbers when a node stops with part of a block unused (docs/decisions).
/// </summary>
public sealed class WorkOrderNumbers(int blockSize) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (long Next, long Last)> _blocks = [];

    public int BlockSize { get; } = blockSize >= 1 ? blockSize : throw new ArgumentOutOfRangeException(nameof(blockSize));

    public async Task<string> NextAsync(CloseloopDb db, WorkOrderNumberFormat format, DateOnly day, CancellationToken cancellationToken)
    {
        var scope = format.SequenceScope(day);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_blocks.TryGetValue(scope, out var block) || block.Next > block.Last)
            {
                var last = await ReserveAsync(db, scope, cancellationToken);
                block = (last - BlockSize + 1, last);
                // Only today's block is worth keeping.
                foreach (var stale in _blocks.Keys.Where(k => k != scope).ToList())
                    _blocks.Remove(stale);
            }
            _blocks[scope] = (block.Next + 1, block.Last);
            return format.Format(day, block.Next);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<long> ReserveAsync(CloseloopDb db, string scope, CancellationToken cancellationToken)
    {
        // Same statement on SQLite (3.35+) and PostgreSQL; it commits on its own.
        using var gate = await db.WriteGateAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO number_sequences (scope, last_value) VALUES (@scope, @count)
                ON CONFLICT (scope) DO UPDATE SET last_value = number_sequences.last_value + @count
                RETURNING last_value
                """;
            Add(command, "@scope", scope);
            Add(command, "@count", (long)BlockSize);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
