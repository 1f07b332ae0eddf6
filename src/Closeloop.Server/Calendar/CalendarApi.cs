namespace Closeloop.Server.Calendar;

public static class CalendarApi
{
    public sealed record CalendarSummary(string Id, Closeloop.Presets.Label Name, string TimeZone, DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<string> Notices);

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder routes)
    {
        var calendar = routes.MapGroup("/api/calendar").WithTags("Calendar");
        calendar.MapGet("/deadline", ExplainDeadline.Handle).WithName("ExplainDeadline")
            .WithSummary("When a period from a start runs out, and which days counted and which were skipped");
        calendar.MapGet("/", (Calendars calendars) => calendars.ById.Values.Select(c =>
                new CalendarSummary(c.Id, c.Name, c.TimeZone.Id, c.FirstDay, c.LastDay, [.. c.Years.Select(y => $"{y.Year}: {y.Notice}")])))
            .WithName("ListCalendars").WithSummary("The working-day calendars and the years of official dates they hold");
        return routes;
    }
}
