using System.Globalization;
using Closeloop.Calendar;
using Closeloop.Presets;
using Closeloop.Problems;
using Closeloop.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Calendar;

/// <summary>
/// Computes a deadline and says how: which days counted, which were skipped and why, so that a
/// handler or an auditor can check any deadline by hand.
/// </summary>
public static class ExplainDeadline
{
    /// <param name="OrgUnit">Count in this org unit's calendar and office hours instead of naming a calendar.</param>
    public sealed record Query(string? Start, int? Amount, string? Unit, string? Calendar, string? OrgUnit);

    public sealed record Answer(string Calendar, DateTimeOffset Start, int Amount, DeadlineUnit Unit, DateTimeOffset Due, Label DueText, IReadOnlyList<StepView> Steps);

    public sealed record StepView(DateOnly? Date, DayKind? Kind, bool Counted, double CountedMinutes, int? Ordinal, Label? Reason, Label Note);

    private static readonly string[] StartFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    public static Results<Ok<Answer>, ValidationProblem, ProblemHttpResult> Handle([AsParameters] Query query, Calendars calendars, Presets.Rulebooks rulebooks)
    {
        var errors = new FieldErrors();
        WorkingDayCalendar? calendar = null;
        if (query.OrgUnit is not null)
        {
            if (query.Calendar is not null)
                errors.Add("calendar", Problem.NotBoth("orgUnit"), "give a calendar or an orgUnit, not both");
            else if (!rulebooks.Current.Org.Contains(query.OrgUnit))
                errors.Add("orgUnit", Problem.UnknownUnit(query.OrgUnit), $"unknown org unit '{query.OrgUnit}'");
            else
                calendar = calendars.For(rulebooks.Current.RulesFor(query.OrgUnit));
        }
        else if (!calendars.ById.TryGetValue(query.Calendar ?? Calendars.Default, out calendar))
        {
            errors.Add("calendar", Problem.OneOf(query.Calendar ?? Calendars.Default, calendars.ById.Keys), $"unknown calendar '{query.Calendar}' (known: {string.Join(", ", calendars.ById.Keys)})");
        }
        var unit = ParseUnit(query.Unit, errors);
        if (query.Amount is not { } amount)
            errors.Add("amount", Problem.Required, "is required");
        else if (amount is < 1 or > Period.MaxAmount)
            errors.Add("amount", Problem.Range(1, Period.MaxAmount), $"must be between 1 and {Period.MaxAmount}");
        var start = errors.Required("start", query.Start) is { } text ? ParseStart(text, calendar, errors) : null;
        if (errors.Any)
            return errors.ToProblem();

        try
        {
            var explanation = DeadlineExplanation.Of(calendar!, start!.Value, new Period(query.Amount!.Value, unit!.Value));
            return TypedResults.Ok(new Answer(
                calendar!.Id, explanation.Start, explanation.Period.Amount, explanation.Period.Unit, explanation.Due, explanation.DueText,
                [.. explanation.Steps.Select(s => new StepView(s.Date, s.Kind, s.Counted > TimeSpan.Zero, s.Counted.TotalMinutes, s.Ordinal, s.Reason, s.Note))]));
        }
        catch (CalendarNotLoadedException e)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The deadline falls outside the loaded calendar",
                detail: e.Message,
                extensions: new Dictionary<string, object?> { ["field"] = "start", ["lastLoaded"] = e.LastLoaded });
        }
    }

    /// <summary>A unit as written in the API: <c>minutes</c>, <c>hours</c>, <c>naturalDays</c>, <c>workingDays</c>, <c>workingHours</c>.</summary>
    public static DeadlineUnit? ParseUnit(string? text, FieldErrors errors, string field = "unit") =>
        errors.OneOf(field, text, Units.Keys) is { } code ? Units[code] : null;

    private static readonly Dictionary<string, DeadlineUnit> Units =
        Enum.GetValues<DeadlineUnit>().ToDictionary(u => char.ToLowerInvariant(u.ToString()[0]) + u.ToString()[1..]);

    // Local time in the calendar's zone, as people give it; an explicit offset is honoured.
    private static DateTimeOffset? ParseStart(string text, WorkingDayCalendar? calendar, FieldErrors errors)
    {
        if (DateTime.TryParseExact(text, StartFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return calendar?.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            return withOffset;
        errors.Add("start", Problem.LocalTime(text), $"'{text}' is not a local time like 2026-02-13T10:00");
        return null;
    }
}
