using Closeloop.Calendar;

namespace Closeloop.Server.Tests.Calendar;

/// <summary>
/// Every holiday and adjusted working day of 2024–2026, typed here from the State Council notices
/// independently of the data files, so a typo in either fails.
/// </summary>
public sealed class OfficialHolidayTableTests
{
    // 国办发明电〔2023〕7号, 〔2024〕12号, 〔2025〕7号: days off, as "from..to" or single dates.
    private static readonly string[] DaysOff =
    [
        "2024-01-01", "2024-02-10..2024-02-17", "2024-04-04..2024-04-06", "2024-05-01..2024-05-05", "2024-06-10",
        "2024-09-15..2024-09-17", "2024-10-01..2024-10-07",
        "2025-01-01", "2025-01-28..2025-02-04", "2025-04-04..2025-04-06", "2025-05-01..2025-05-05", "2025-05-31..2025-06-02",
        "2025-10-01..2025-10-08",
        "2026-01-01..2026-01-03", "2026-02-15..2026-02-23", "2026-04-04..2026-04-06", "2026-05-01..2026-05-05", "2026-06-19..2026-06-21",
        "2026-09-25..2026-09-27", "2026-10-01..2026-10-07",
    ];

    private static readonly string[] WorkedWeekends =
    [
        "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12",
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    ];

    public static TheoryData<int> Years => [2024, 2025, 2026];

    [Theory]
    [MemberData(nameof(Years))]
    public void Every_day_of_the_year_is_what_the_notice_says(int year)
    {
        var off = DaysOff.SelectMany(Expand).ToHashSet();
        var worked = WorkedWeekends.Select(DateOnly.Parse).ToHashSet();

        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
        {
            var expected = off.Contains(date) ? DayKind.Holiday
                : worked.Contains(date) ? DayKind.AdjustedWorkingDay
                : date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.Weekend
                : DayKind.WorkingDay;
            Assert.True(expected == OfficialCalendar.Cn.KindOf(date), $"{date:yyyy-MM-dd} ({date.DayOfWeek}) should be {expected}, is {OfficialCalendar.Cn.KindOf(date)}");
        }
    }

    [Theory]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Each_year_has_the_working_days_its_notice_leaves(int year, int workingDays)
    {
        var count = 0;
        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
            count += OfficialCalendar.Cn.IsWorkingDay(date) ? 1 : 0;

        Assert.Equal(workingDays, count);
    }

    [Fact]
    public void Holidays_and_adjusted_days_name_the_festival()
    {
        Assert.Equal("春节", OfficialCalendar.Cn.ReasonOf(new DateOnly(2026, 2, 18))!.Zh);
        Assert.Equal("Spring Festival", OfficialCalendar.Cn.ReasonOf(new DateOnly(2026, 2, 28))!.En);
        Assert.Equal("国庆节、中秋节", OfficialCalendar.Cn.ReasonOf(new DateOnly(2025, 10, 8))!.Zh);
        Assert.Null(OfficialCalendar.Cn.ReasonOf(new DateOnly(2026, 3, 2)));
    }

    private static IEnumerable<DateOnly> Expand(string range)
    {
        var parts = range.Split("..");
        var from = DateOnly.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var to = parts.Length == 2 ? DateOnly.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : from;
        for (var date = from; date <= to; date = date.AddDays(1))
            yield return date;
    }
}
