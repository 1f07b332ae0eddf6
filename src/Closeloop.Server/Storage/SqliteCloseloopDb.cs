using System.Collections.Concurrent;
using Closeloop.Clocks;
using Closeloop.Server.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Closeloop.Server.Storage;

/// <summary>The embedded database: one file, one node.</summary>
public sealed class SqliteCloseloopDb(DbContextOptions<SqliteCloseloopDb> options) : CloseloopDb(options)
{
    // One gate per database file, shared by every context of the process.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // Set while this context holds the gate, so that saving inside a gated transaction does not wait on itself.
    private bool _holdsGate;

    public override async ValueTask<IDisposable> WriteGateAsync(CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        _holdsGate = true;
        return new Release(gate, () => _holdsGate = false);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_holdsGate)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        using (await WriteGateAsync(cancellationToken))
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // One node, and the caller holds the write gate: nothing else can claim the same rows.
    public override Task<List<Clock>> ClaimDueClocksAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Clocks.Where(c => c.NextFireAt <= now).OrderBy(c => c.NextFireAt).Take(limit).ToListAsync(cancellationToken);

    public override Task<List<OutboxMessage>> ClaimPendingMessagesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Pending(now).Take(limit).ToListAsync(cancellationToken);

    public override async Task<int> DeliverToInboxesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        using var gate = await WriteGateAsync(cancellationToken);
        return await Pending(now).Take(limit)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.DeliveredAt, now).SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.LastError, (string?)null), cancellationToken);
    }

    // Messages that may go by now, oldest first.
    private IOrderedQueryable<OutboxMessage> Pending(DateTimeOffset now) =>
        OutboxMessages.Where(m => m.DeliveredAt == null && m.DeliverAfter <= now).OrderBy(m => m.DeliverAfter);

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

    private sealed class Release(SemaphoreSlim gate, Action released) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _gate, null) is { } held)
            {
                released();
                held.Release();
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type; a number keeps instants comparable and sortable in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
