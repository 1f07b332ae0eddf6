using Closeloop.Server.Calendar;
using Closeloop.Server.Presets;
using Closeloop.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Clocks;

/// <summary>
/// At start-up, counts again the running clocks whose due lay past the holiday notices loaded when
/// they started: with the next year's notice now in <c>presets/calendars</c> they get their true
/// due, and the order's history says so.
/// </summary>
public static class RecountProvisionalClocks
{
    /// <returns>How many clocks changed.</returns>
    public static async Task<int> RunAsync(CloseloopDb db, Rulebooks rulebooks, Calendars calendars, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var gate = await db.WriteGateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var clocks = await db.Clocks.Where(c => c.Provisional && c.StoppedAt == null).ToListAsync(cancellationToken);
        var orderIds = clocks.Select(c => c.WorkOrderId).Distinct().ToList();
        var orders = await db.WorkOrders.Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var changed = 0;
        foreach (var clock in clocks)
        {
            var order = orders[clock.WorkOrderId];
            var rulebook = await rulebooks.GetAsync(order.RuleVersion, db, cancellationToken);
            if (clock.CountAgain(calendars.ByUnit(rulebook)(clock.CountedBy), now) is not { } change)
                continue;
            db.WorkOrderEvents.Add(order.RecordClock(change, now));
            changed++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e) || e is DbUpdateConcurrencyException)
        {
            // Another node starting at the same moment counted them first.
            db.ChangeTracker.Clear();
            return 0;
        }
        return changed;
    }
}
