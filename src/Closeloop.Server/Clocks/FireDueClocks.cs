using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.Presets;
using Closeloop.Server.Calendar;
using Closeloop.Server.Notifications;
using Closeloop.Server.Presets;
using Closeloop.Server.Storage;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Clocks;

/// <summary>
/// Fires the warnings and breaches that are due: claims a batch of clocks, records each firing in
/// its order's history, raises breaches to the supervising unit and leaves notifications in the
/// outbox, all in one transaction. Claimed rows are locked and skipped by other nodes, so each
/// warning and each breach fires exactly once however many nodes sweep.
/// </summary>
public static class FireDueClocks
{
    /// <returns>How many clocks fired.</returns>
    public static async Task<int> RunAsync(
        CloseloopDb db, Rulebooks rulebooks, Calendars calendars, Outbox outbox, DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        using var gate = await db.WriteGateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var clocks = await db.ClaimDueClocksAsync(now, batchSize, cancellationToken);
        if (clocks.Count == 0)
            return 0;

        var orderIds = clocks.Select(c => c.WorkOrderId).Distinct().ToList();
        var orders = await db.WorkOrders.Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var fired = 0;
        // New rows go in untracked: tracking 2,000 inserts costs more than writing them.
        var inserts = new List<object>(clocks.Count * 2);
        foreach (var clock in clocks)
        {
            if (clock.Fire(now) is not { } change)
                continue;
            fired++;
            var order = orders[clock.WorkOrderId];
            var rulebook = await rulebooks.GetAsync(order.RuleVersion, db, cancellationToken);
            if (change.Kind == ClockChangeKind.Breached && clock.OnBreach.HasFlag(BreachActions.Escalate)
                && rulebook.Org.Find(order.ResponsibleUnit)?.ParentCode is { } supervisor)
                clock.EscalateTo(supervisor);
            inserts.Add(order.RecordClock(change, now));
            if (clock.OnBreach.HasFlag(BreachActions.Notify))
                Notify(inserts, outbox, calendars.ByUnit(rulebook), rulebook.Clocks.First(p => p.Code == clock.Policy).Label, order, clock, change, now);
        }
        await db.SaveBatchAsync(inserts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return fired;
    }

    // The responsible unit hears of warnings and breaches, the supervisor of the breaches raised to it.
    private static void Notify(
        List<object> inserts, Outbox outbox, Func<string, WorkingDayCalendar> calendarOf, Label clockName, WorkOrder order, Clock clock, ClockChange change, DateTimeOffset now)
    {
        var breached = change.Kind == ClockChangeKind.Breached;
        var recipients = clock.EscalatedTo is { } supervisor && breached ? new[] { order.ResponsibleUnit, supervisor } : [order.ResponsibleUnit];
        foreach (var unit in recipients)
        {
            // A day or office-hour deadline can wait for the morning; the 24/7 hotline's minutes cannot.
            var deliverAfter = clock.Unit is DeadlineUnit.Minutes or DeadlineUnit.Hours ? now : calendarOf(unit).NextOpening(now).ToUniversalTime();
            inserts.Add(outbox.Write(
                breached ? "clock.breached" : "clock.warned", unit, order,
                $"工单{order.Number}「{clockName.Zh}」{(breached ? "已超时" : "即将超时")}",
                $"Work order {order.Number}: {clockName.En} {(breached ? "is overdue" : "is nearly due")}",
                new
                {
                    workOrderId = order.Id,
                    number = order.Number,
                    clock = clock.Policy,
                    instance = clock.Instance,
                    state = clock.State,
                    due = clock.Due,
                    responsibleUnit = order.ResponsibleUnit,
                    escalatedTo = clock.EscalatedTo,
                },
                now, deliverAfter));
        }
    }
}
