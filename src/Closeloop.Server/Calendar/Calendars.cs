using Closeloop.Calendar;

namespace Closeloop.Server.Calendar;

/// <summary>The working-day calendars loaded at start-up, by id (<c>cn</c>, …).</summary>
public sealed class Calendars(IReadOnlyDictionary<string, WorkingDayCalendar> byId)
{
    public const string Default = "cn";

    public IReadOnlyDictionary<string, WorkingDayCalendar> ById { get; } = byId;
}
