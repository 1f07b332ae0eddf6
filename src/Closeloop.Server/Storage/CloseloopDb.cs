using System.Text;
using Closeloop.Clocks;
using Closeloop.Server.Audit;
using Closeloop.Server.Notifications;
using Closeloop.Server.People;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Storage;

/// <summary>
/// The database. One model for every provider; <see cref="SqliteCloseloopDb"/> and
/// <see cref="PostgresCloseloopDb"/> exist only so each keeps its own migrations.
/// </summary>
public abstract class CloseloopDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();
    public DbSet<WorkOrderEvent> WorkOrderEvents => Set<WorkOrderEvent>();
    public DbSet<StoredOrgUnit> OrgUnits => Set<StoredOrgUnit>();
    public DbSet<StoredRuleVersion> RuleVersions => Set<StoredRuleVersion>();
    public DbSet<RuleVersionChange> RuleVersionChanges => Set<RuleVersionChange>();
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<PersonalDataAccess> PersonalDataAccess => Set<PersonalDataAccess>();
    public DbSet<WorkOrderCount> WorkOrderCounts => Set<WorkOrderCount>();
    public DbSet<WorkOrderCountDelta> WorkOrderCountDeltas => Set<WorkOrderCountDelta>();
    public DbSet<Clock> Clocks => Set<Clock>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<PersonalToken> PersonalTokens => Set<PersonalToken>();
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();
    public DbSet<Queue.SavedView> SavedViews => Set<Queue.SavedView>();

    /// <summary>Moves pending count deltas into the counts; safe to run from several nodes at once.</summary>
    public abstract Task<int> FoldCountDeltasAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Held around every write. SQLite has one writer at a time and answers a second with "busy"
    /// and retry sleeps, so its writes queue here instead; PostgreSQL needs no gate.
    /// </summary>
    public virtual ValueTask<IDisposable> WriteGateAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable>(NoGate.Instance);

    /// <summary>
    /// The clocks with a warning or breach due by <paramref name="now"/>, earliest first, locked for
    /// the current transaction so that no other node fires them too.
    /// </summary>
    public abstract Task<List<Clock>> ClaimDueClocksAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Outbox messages that may go by <paramref name="now"/>, oldest first, locked for the current transaction.</summary>
    public abstract Task<List<OutboxMessage>> ClaimPendingMessagesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks up to <paramref name="limit"/> messages that may go by <paramref name="now"/> as
    /// delivered, oldest first, in one statement; returns how many. For when the inbox is the only
    /// delivery: there is nothing to load or post.
    /// </summary>
    public abstract Task<int> DeliverToInboxesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a large batch: the tracked changes and <paramref name="inserts"/>, new rows that are not
    /// tracked (the clock runner's). PostgreSQL writes each table's rows in one statement; SQLite,
    /// one writer on one file, saves as usual.
    /// </summary>
    public virtual async Task SaveBatchAsync(IReadOnlyList<object> inserts, CancellationToken cancellationToken)
    {
        AddRange(inserts);
        await SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether a failed write broke a unique index (another node or request got there first).</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CloseloopDb).Assembly);
        UseSnakeCaseColumns(modelBuilder);
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }

    // Hand-written SQL (benchmarks, hot paths, psql sessions) reads better without quoted PascalCase.
    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
            foreach (var complex in entity.GetComplexProperties())
            {
                foreach (var property in complex.ComplexType.GetProperties())
                    property.SetColumnName(SnakeCase($"{complex.Name}_{property.Name}"));
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_')
                text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
