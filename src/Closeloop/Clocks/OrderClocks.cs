using Closeloop.Calendar;
using Closeloop.WorkOrders;

namespace Closeloop.Clocks;

/// <summary>
/// The clocks of one order, kept in step with its history: each event starts, stops, pauses and
/// resumes the clocks whose policies name its action, and a change of responsible unit recounts
/// the running ones under that unit's limits and calendar.
/// </summary>
public sealed class OrderClocks(IEnumerable<Clock> clocks)
{
    private readonly List<Clock> _clocks = [.. clocks];
    private readonly List<Clock> _started = [];

    public IReadOnlyList<Clock> All => _clocks;

    /// <summary>The clocks started since this set was loaded: rows to insert.</summary>
    public IReadOnlyList<Clock> Started => _started;

    /// <summary>Follows <paramref name="e"/>, which <paramref name="order"/> has just applied.</summary>
    /// <param name="policies">The clock policies in force at the order's responsible unit.</param>
    /// <param name="calendarOf">The calendar an org unit counts time in.</param>
    /// <returns>What changed, for the event to record.</returns>
    /// <exception cref="CalendarNotLoadedException">A due lies past the loaded years.</exception>
    public IReadOnlyList<ClockChange> Follow(
        WorkOrder order, WorkOrderEvent e, IReadOnlyList<ClockPolicy> policies, Func<string, WorkingDayCalendar> calendarOf, Func<Guid> newId)
    {
        var changes = new List<ClockChange>();
        var byCode = policies.ToDictionary(p => p.Code);
        foreach (var clock in _clocks.Where(c => !c.IsStopped))
        {
            if (!byCode.TryGetValue(clock.Policy, out var policy))
                continue;
            var calendar = calendarOf(clock.CountedBy);
            if (policy.StopsOn(e))
                changes.Add(clock.Stop(calendar, e.At));
            else if (policy.Pause.Contains(e.Action) && clock.State != ClockState.Paused)
                changes.Add(clock.Pause(calendar, e.At));
            else if (policy.Resume.Contains(e.Action) && clock.State == ClockState.Paused)
                changes.Add(clock.Resume(calendar, e.At));
        }

        // A new responsible unit may count tighter or in its own calendar; a new grade may change the limit.
        if (e.Changes.Route is not null || e.Changes.Grade is not null)
        {
            var calendar = calendarOf(order.ResponsibleUnit);
            foreach (var clock in _clocks.Where(c => !c.IsStopped))
            {
                if (byCode.TryGetValue(clock.Policy, out var policy)
                    && clock.Relimit(policy.Limit.PeriodFor(order), policy.Warning, calendar, order.ResponsibleUnit, e.At) is { } relimited)
                    changes.Add(relimited);
            }
        }

        foreach (var policy in policies)
        {
            if (!policy.StartsOn(e) || !policy.AppliesTo(order) || _clocks.Any(c => c.Policy == policy.Code && !c.IsStopped))
                continue;
            var instance = _clocks.Count(c => c.Policy == policy.Code) + 1;
            var start = policy.StartsAtOccurrence ? e.OccurredAt ?? e.At : e.At;
            var calendar = calendarOf(order.ResponsibleUnit);
            var clock = Clock.Start(newId(), order.Id, policy, instance, policy.Limit.PeriodFor(order), calendar, order.ResponsibleUnit, start, e.At);
            _clocks.Add(clock);
            _started.Add(clock);
            changes.Add(new ClockChange(clock.Policy, clock.Instance, ClockChangeKind.Started, clock.State, clock.Due, null));
            // A clock that measures how late a record is starts and stops with the same action.
            if (policy.StopsOn(e))
                changes.Add(clock.Stop(calendar, e.At));
        }

        // A closed order has nothing left to wait for: what still runs stops with its outcome.
        if (e.Changes.Closed == true)
        {
            foreach (var clock in _clocks.Where(c => !c.IsStopped))
                changes.Add(clock.Stop(calendarOf(clock.CountedBy), e.At));
        }
        return changes;
    }
}
