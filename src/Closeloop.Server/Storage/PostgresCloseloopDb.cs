using Closeloop.Clocks;
using Closeloop.Server.Notifications;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Closeloop.Server.Storage;

/// <summary>The production database, shared by every server node.</summary>
public sealed class PostgresCloseloopDb(DbContextOptions<PostgresCloseloopDb> options) : CloseloopDb(options)
{
    // Orders and clocks change often without their indexed columns changing (a clock's firing bumps
    // its order's version): free room on each page lets PostgreSQL write the new row version beside
    // the old one without touching the order's seven indexes (a HOT update), and keeps a clock's
    // new version on its own page.
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<WorkOrder>().HasStorageParameter("fillfactor", 85);
        modelBuilder.Entity<Clock>().HasStorageParameter("fillfactor", 85);
    }

    public override bool IsUniqueViolation(Exception exception) =>
        (exception is DbUpdateException ? exception.InnerException : exception) is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override Task SaveBatchAsync(IReadOnlyList<object> inserts, CancellationToken cancellationToken) =>
        SetBasedSave.SaveAsync(this, inserts, cancellationToken);

    // Locks the orders too: a fire appends to the order's history, and an order a user is changing
    // right now is skipped until the next sweep rather than waited for.
    public override Task<List<Clock>> ClaimDueClocksAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Clocks.FromSql($"""
            SELECT c.* FROM clocks c JOIN work_orders o ON o.id = c.work_order_id
            WHERE c.next_fire_at <= {now.ToUniversalTime()}
            ORDER BY c.next_fire_at
            LIMIT {limit}
            FOR NO KEY UPDATE OF c, o SKIP LOCKED
            """).ToListAsync(cancellationToken);

    public override Task<List<OutboxMessage>> ClaimPendingMessagesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        OutboxMessages.FromSql($"""
            SELECT * FROM outbox_messages
            WHERE delivered_at IS NULL AND deliver_after <= {now.ToUniversalTime()}
            ORDER BY deliver_after
            LIMIT {limit}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);

    public override Task<int> DeliverToInboxesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages SET delivered_at = {now.ToUniversalTime()}, attempts = attempts + 1, last_error = NULL
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE delivered_at IS NULL AND deliver_after <= {now.ToUniversalTime()}
                ORDER BY deliver_after
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED)
            """, cancellationToken);

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
