using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Closeloop.Server.Storage;

/// <summary>The embedded database: one file, one node.</summary>
public sealed class SqliteCloseloopDb(DbContextOptions<SqliteCloseloopDb> options) : CloseloopDb(options)
{
    // One gate per database file, shared by every context of the process.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public override async ValueTask<IDisposable> WriteGateAsync(CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using (await WriteGateAsync(cancellationToken))
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override bool IsUniqueViolation(Exception exception) =>
        (exception is DbUpdateException ? exception.InnerException : exception) is SqliteException { SqliteErrorCode: 19 };

    public override async Task<int> FoldCountDeltasAsync(CancellationToken cancellationToken)
    {
        // One node writes at a time on SQLite, so a plain transaction keeps the fold exact.
        using var gate = await WriteGateAsync(cancellationToken);
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

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type; a number keeps instants comparable and sortable in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
