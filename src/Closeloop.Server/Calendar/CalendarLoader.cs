using System.Globalization;
using Closeloop.Calendar;
using Closeloop.Presets;
using Closeloop.Server.Presets;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Closeloop.Server.Calendar;

/// <summary>
/// Reads the working-day calendars under <c>presets/calendars/</c>: one file per calendar naming
/// its time zone, office hours and year files, one file per year of official dates.
/// </summary>
public static class CalendarLoader
{
    public const string Folder = "calendars";

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    /// <summary>Every calendar in <c>&lt;presetsRoot&gt;/calendars</c>, by id.</summary>
    /// <exception cref="PresetException">A file is missing or wrong; the message names it, the path and the problem.</exception>
    public static IReadOnlyDictionary<string, WorkingDayCalendar> LoadAll(string presetsRoot)
    {
        var folder = Path.Combine(presetsRoot, Folder);
        if (!Directory.Exists(folder))
            throw new PresetException($"{folder}: no calendars folder");
        var calendars = new Dictionary<string, WorkingDayCalendar>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("\ncalendar:", StringComparison.Ordinal) && !text.StartsWith("calendar:", StringComparison.Ordinal))
                continue; // a year file, read through its calendar
            var calendar = Load(file, text, name => File.ReadAllText(Path.Combine(folder, name)), name => File.Exists(Path.Combine(folder, name)));
            calendars[calendar.Id] = calendar;
        }
        return calendars;
    }

    private static WorkingDayCalendar Load(string file, string text, Func<string, string> read, Func<string, bool> exists)
    {
        var problems = new List<string>();
        var document = Parse<CalendarDocument>(file, text, problems);
        if (document is null)
            throw new PresetException(string.Join(Environment.NewLine, problems));

        void Problem(string path, string problem) => problems.Add($"{file}: {path}: {problem}");
        if (string.IsNullOrWhiteSpace(document.Calendar))
            Problem("calendar", "required");
        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(document.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(document.TimeZone, out zone))
            Problem("timeZone", $"unknown time zone '{document.TimeZone}'");
        var name = document.Name is { Zh: { } zh, En: { } en } ? new Label(zh, en) : null;
        if (name is null)
            Problem("name", "zh and en are required");
        var hours = OfficeHoursOf(document.OfficeHours, "officeHours", Problem);

        var years = new List<CalendarYear>();
        var yearFiles = document.Years ?? [];
        if (yearFiles.Count == 0)
            Problem("years", "at least one year file is required");
        for (var i = 0; i < yearFiles.Count; i++)
        {
            if (!exists(yearFiles[i]))
            {
                Problem($"years[{i}]", $"no file '{yearFiles[i]}' beside this one");
                continue;
            }
            var yearFile = Path.Combine(Path.GetDirectoryName(file)!, yearFiles[i]);
            if (Parse<YearDocument>(yearFile, read(yearFiles[i]), problems) is { } year && Year(yearFile, year, problems) is { } parsed)
                years.Add(parsed);
        }

        if (problems.Count == 0)
        {
            try
            {
                return new WorkingDayCalendar(document.Calendar!, name!, zone!, hours!, years);
            }
            catch (ArgumentException e)
            {
                problems.Add($"{file}: {e.Message}");
            }
        }
        throw new PresetException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>Office hours as written in a preset: a list of <c>{ from: "08:30", to: "12:00" }</c>.</summary>
    internal static OfficeHours? OfficeHoursOf(List<OfficePeriodDocument>? periods, string path, Action<string, string> problem)
    {
        if (periods is null or { Count: 0 })
        {
            problem(path, "at least one period is required");
            return null;
        }
        var parsed = new List<(TimeOnly, TimeOnly)>();
        for (var i = 0; i < periods.Count; i++)
        {
            if (!TimeOnly.TryParseExact(periods[i].From, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
                problem($"{path}[{i}].from", $"'{periods[i].From}' is not a time like 08:30");
            else if (!TimeOnly.TryParseExact(periods[i].To, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
                problem($"{path}[{i}].to", $"'{periods[i].To}' is not a time like 17:30");
            else
                parsed.Add((from, to));
        }
        if (parsed.Count != periods.Count)
            return null;
        try
        {
            return new OfficeHours(parsed);
        }
        catch (ArgumentException e)
        {
            problem(path, e.Message.Split(" (Parameter", 2)[0]);
            return null;
        }
    }

    private static CalendarYear? Year(string file, YearDocument year, List<string> problems)
    {
        var before = problems.Count;
        void Problem(string path, string problem) => problems.Add($"{file}: {path}: {problem}");
        if (year.Year is not { } number)
        {
            Problem("year", "required");
            return null;
        }
        if (string.IsNullOrWhiteSpace(year.Notice))
            Problem("notice", "name the State Council notice the dates come from");
        var holidays = new List<HolidayPeriod>();
        var rows = year.Holidays ?? [];
        for (var i = 0; i < rows.Count; i++)
        {
            var from = Date(rows[i].From, $"holidays[{i}].from", Problem);
            var to = Date(rows[i].To, $"holidays[{i}].to", Problem);
            if (rows[i].Name is not { Zh: { } zh, En: { } en })
                Problem($"holidays[{i}].name", "zh and en are required");
            else if (from is not null && to is not null)
                holidays.Add(new HolidayPeriod(new Label(zh, en), from.Value, to.Value));
        }
        var adjusted = new List<AdjustedWorkingDay>();
        var days = year.WorkingWeekends ?? [];
        for (var i = 0; i < days.Count; i++)
        {
            var date = Date(days[i].Date, $"workingWeekends[{i}].date", Problem);
            if (days[i].For is not { Zh: { } zh, En: { } en })
                Problem($"workingWeekends[{i}].for", "zh and en are required");
            else if (date is not null)
                adjusted.Add(new AdjustedWorkingDay(date.Value, new Label(zh, en)));
        }
        return problems.Count == before ? new CalendarYear(number, year.Notice!, holidays, adjusted) : null;
    }

    private static DateOnly? Date(string? text, string path, Action<string, string> problem)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        problem(path, $"'{text}' is not a date like 2026-02-15");
        return null;
    }

    private static T? Parse<T>(string file, string text, List<string> problems)
        where T : class
    {
        try
        {
            return Yaml.Deserialize<T>(text);
        }
        catch (YamlException e)
        {
            problems.Add($"{file}: line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}");
            return null;
        }
    }

    private sealed class CalendarDocument
    {
        public string? Calendar { get; set; }
        public LabelDocument? Name { get; set; }
        public string? TimeZone { get; set; }
        public List<OfficePeriodDocument>? OfficeHours { get; set; }
        public List<string>? Years { get; set; }
    }

    private sealed class YearDocument
    {
        public int? Year { get; set; }
        public string? Notice { get; set; }
        public List<HolidayDocument>? Holidays { get; set; }
        public List<WorkingWeekendDocument>? WorkingWeekends { get; set; }
    }

    private sealed class HolidayDocument
    {
        public LabelDocument? Name { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }

    private sealed class WorkingWeekendDocument
    {
        public string? Date { get; set; }
        public LabelDocument? For { get; set; }
    }
}

internal sealed class OfficePeriodDocument
{
    public string? From { get; set; }
    public string? To { get; set; }
}
