using System.Collections.Concurrent;
using Closeloop.Calendar;
using Closeloop.Presets;

namespace Closeloop.Server.Calendar;

/// <summary>The working-day calendars loaded at start-up, by id (<c>cn</c>, …), and each unit's view of them.</summary>
public sealed class Calendars(IReadOnlyDictionary<string, WorkingDayCalendar> byId)
{
    public const string Default = "cn";

    // A unit with office hours of its own sees the same days through its own hours.
    private readonly ConcurrentDictionary<(string Calendar, OfficeHours Hours), WorkingDayCalendar> _withHours = new();
    private readonly ConcurrentDictionary<WorkingDayCalendar, WorkingDayCalendar> _forClocks = new();

    public IReadOnlyDictionary<string, WorkingDayCalendar> ById { get; } = byId;

    /// <summary>
    /// The calendar each org unit of <paramref name="rulebook"/> counts its clocks in: its own, with a
    /// provisional year after the last notice so that a clock never stops the hotline (it is flagged).
    /// </summary>
    public Func<string, WorkingDayCalendar> ByUnit(Rulebook rulebook) =>
        unit => _forClocks.GetOrAdd(For(rulebook.RulesFor(unit)), calendar => calendar.WithProvisionalYear());

    /// <summary>The calendar a unit's deadlines count in: its calendar, with its own office hours when it has them.</summary>
    public WorkingDayCalendar For(UnitRules rules)
    {
        var calendar = ById[rules.Calendar];
        return rules.OfficeHours is not { } hours
            ? calendar
            : _withHours.GetOrAdd((calendar.Id, hours), _ => new WorkingDayCalendar(calendar.Id, calendar.Name, calendar.TimeZone, hours, calendar.Years));
    }
}
