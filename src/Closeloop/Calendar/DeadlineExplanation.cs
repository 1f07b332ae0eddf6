using System.Globalization;
using Closeloop.Presets;

namespace Closeloop.Calendar;

/// <summary>A deadline and the days it counted and skipped, so that anyone can check it by hand.</summary>
public sealed record DeadlineExplanation(DateTimeOffset Start, Period Period, DateTimeOffset Due, Label DueText, IReadOnlyList<DeadlineStep> Steps)
{
    /// <summary>Explains <paramref name="period"/> from <paramref name="start"/> in <paramref name="calendar"/>.</summary>
    /// <exception cref="CalendarNotLoadedException">The deadline lies outside the loaded years.</exception>
    public static DeadlineExplanation Of(WorkingDayCalendar calendar, DateTimeOffset start, Period period)
    {
        var due = calendar.Due(start, period);
        var steps = period.Unit switch
        {
            DeadlineUnit.Minutes or DeadlineUnit.Hours =>
            [
                new DeadlineStep(null, null, due - start, null, null, new Label(
                    $"按自然时间连续计算{period.Amount}{(period.Unit == DeadlineUnit.Minutes ? "分钟" : "小时")}，不分昼夜和节假日",
                    $"{period.Amount} {(period.Unit == DeadlineUnit.Minutes ? "minutes" : "hours")} on the wall clock, day and night, holidays included")),
            ],
            DeadlineUnit.NaturalDays or DeadlineUnit.WorkingDays => DaySteps(calendar, start, period),
            _ => OfficeSteps(calendar, start, due),
        };
        return new DeadlineExplanation(calendar.Local(start), period, due, DueTextOf(calendar, due, period.Unit), steps);
    }

    /// <summary>How people read a due instant: a day period ends "2月26日 24:00", not "2月27日 00:00".</summary>
    public static Label DueTextOf(WorkingDayCalendar calendar, DateTimeOffset due, DeadlineUnit unit)
    {
        var local = calendar.Local(due);
        var endOfDay = unit is DeadlineUnit.NaturalDays or DeadlineUnit.WorkingDays && local.TimeOfDay == TimeSpan.Zero;
        var date = DateOnly.FromDateTime(local.DateTime).AddDays(endOfDay ? -1 : 0);
        var time = endOfDay ? "24:00" : local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return new Label(
            $"{date.Year}年{date.Month}月{date.Day}日 {time}",
            $"{date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} {time}");
    }

    private static List<DeadlineStep> DaySteps(WorkingDayCalendar calendar, DateTimeOffset start, Period period)
    {
        var first = calendar.DateOf(start);
        var steps = new List<DeadlineStep>
        {
            new(first, period.Unit == DeadlineUnit.WorkingDays ? calendar.KindOf(first) : null, TimeSpan.Zero, null, null,
                new Label("受理当日不计入期限", "The start day is not counted")),
        };
        var counted = 0;
        for (var date = first.AddDays(1); counted < period.Amount; date = date.AddDays(1))
        {
            if (period.Unit == DeadlineUnit.NaturalDays)
            {
                counted++;
                steps.Add(new DeadlineStep(date, null, TimeSpan.FromDays(1), counted, null, new Label($"第{counted}天", $"day {counted}")));
                continue;
            }
            var kind = calendar.KindOf(date);
            var reason = calendar.ReasonOf(date);
            if (calendar.IsWorkingDay(date))
            {
                counted++;
                steps.Add(new DeadlineStep(date, kind, TimeSpan.FromDays(1), counted, reason, kind == DayKind.AdjustedWorkingDay
                    ? new Label($"第{counted}个工作日（{reason!.Zh}调休上班）", $"working day {counted} (adjusted working day for {reason!.En})")
                    : new Label($"第{counted}个工作日", $"working day {counted}")));
            }
            else
            {
                steps.Add(Skipped(date, kind, reason));
            }
        }
        return steps;
    }

    private static List<DeadlineStep> OfficeSteps(WorkingDayCalendar calendar, DateTimeOffset start, DateTimeOffset due)
    {
        var steps = new List<DeadlineStep>();
        var last = calendar.DateOf(due);
        for (var date = calendar.DateOf(start); date <= last; date = date.AddDays(1))
        {
            var dayStart = calendar.At(date, TimeOnly.MinValue);
            var from = start > dayStart ? start : dayStart;
            var to = due < calendar.At(date.AddDays(1), TimeOnly.MinValue) ? due : calendar.At(date.AddDays(1), TimeOnly.MinValue);
            var worked = calendar.Between(from, to, DeadlineUnit.WorkingHours);
            var kind = calendar.KindOf(date);
            var reason = calendar.ReasonOf(date);
            steps.Add(calendar.IsWorkingDay(date)
                ? new DeadlineStep(date, kind, worked, null, reason, new Label($"计入办公时间{Hours(worked)}", $"{Hours(worked)} of office time counted"))
                : Skipped(date, kind, reason));
        }
        return steps;
    }

    private static DeadlineStep Skipped(DateOnly date, DayKind kind, Label? reason) =>
        new(date, kind, TimeSpan.Zero, null, reason, kind == DayKind.Holiday
            ? new Label($"跳过：{reason!.Zh}假期", $"skipped: {reason!.En} holiday")
            : new Label("跳过：周末", "skipped: weekend"));

    private static string Hours(TimeSpan time) => $"{(int)time.TotalHours}:{time.Minutes:00}";
}
