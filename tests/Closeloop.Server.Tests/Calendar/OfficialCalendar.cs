using Closeloop.Calendar;
using Closeloop.Server.Calendar;

namespace Closeloop.Server.Tests.Calendar;

/// <summary>The shipped mainland calendar, loaded once, as the server loads it.</summary>
internal static class OfficialCalendar
{
    public static readonly WorkingDayCalendar Cn = CalendarLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "presets"))["cn"];

    /// <summary>A local time in Asia/Shanghai.</summary>
    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
