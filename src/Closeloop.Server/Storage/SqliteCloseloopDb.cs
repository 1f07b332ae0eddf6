using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Closeloop.Server.Storage;

/// <summary>The embedded database: one file, one node.</summary>
public sealed class SqliteCloseloopDb(DbContextOptions<SqliteCloseloopDb> options) : CloseloopDb(options)
{
    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: 19 };

    public override async Task<int> FoldCountDeltasAsync(CancellationToken cancellationToken)
    {
        // One node writes at a time on SQLite, so a plain transaction keeps the fold exact.
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var last = await WorkOrderCountDeltas.MaxAsync(d => (long?)d.Id, cancellationToken);
        if (last is null)
            return 0;
        await Database.ExecuteSqlAsync($"""
            INSERT INTO work_order_counts (responsible_unit, type, status, count)
            SELECT responsible_unit, type, status, SUM(delta) FROM work_order_count_deltas WHERE id <= {last}
            GROUP BY responsible_unit, type, status
            ON CONFLICT (responsible_unit, type, status) DO UPDATE SET count = work_order_counts.count + excluded.count
            """, cancellationToken);
        var folded = await Database.ExecuteSqlAsync($"DELETE FROM work_order_count_deltas WHERE id <= {last}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return folded;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type; a number keeps instants comparable and sortable in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
