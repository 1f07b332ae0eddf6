using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Closeloop.Server.Storage;

/// <summary>The production database, shared by every server node.</summary>
public sealed class PostgresCloseloopDb(DbContextOptions<PostgresCloseloopDb> options) : CloseloopDb(options)
{
    public override bool IsUniqueViolation(Exception exception) =>
        (exception is DbUpdateException ? exception.InnerException : exception) is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    // One statement: the deltas it deletes are exactly the ones it adds, and SKIP LOCKED lets
    // several nodes fold side by side without counting a delta twice.
    public override Task<int> FoldCountDeltasAsync(CancellationToken cancellationToken) =>
        Database.ExecuteSqlRawAsync("""
            WITH moved AS (
                DELETE FROM work_order_count_deltas
                WHERE id IN (SELECT id FROM work_order_count_deltas ORDER BY id LIMIT 100000 FOR UPDATE SKIP LOCKED)
                RETURNING responsible_unit, type, status, delta)
            INSERT INTO work_order_counts (responsible_unit, type, status, count)
            SELECT responsible_unit, type, status, SUM(delta) FROM moved GROUP BY responsible_unit, type, status
            ON CONFLICT (responsible_unit, type, status) DO UPDATE SET count = work_order_counts.count + excluded.count
            """, cancellationToken);
}
