using Closeloop.Calendar;
using static Closeloop.Server.Tests.Calendar.OfficialCalendar;

namespace Closeloop.Server.Tests.Calendar;

public sealed class DeadlineTests
{
    [Theory]
    // Accepted Friday 13 Feb 2026 10:00, 4 working days: Sat 14th is worked (调休), 15th–23rd are the Spring Festival.
    [InlineData("2026-02-13 10:00", 4, DeadlineUnit.WorkingDays, "2026-02-27 00:00")]
    // A consultation's reply day after the units answer on the last day before the National Day break.
    [InlineData("2026-09-30 16:00", 1, DeadlineUnit.WorkingDays, "2026-10-09 00:00")]
    // Saturday 10 Oct 2026 is an adjusted working day: it counts.
    [InlineData("2026-10-09 09:00", 1, DeadlineUnit.WorkingDays, "2026-10-11 00:00")]
    // Accepted on a holiday: the period starts after that day and skips the rest of the holiday.
    [InlineData("2025-10-03 12:00", 1, DeadlineUnit.WorkingDays, "2025-10-10 00:00")]
    // A complaint accepted on New Year's Eve 2025: 6 working days across the 2026 New Year break, Sunday 4 Jan worked.
    [InlineData("2025-12-31 15:00", 6, DeadlineUnit.WorkingDays, "2026-01-10 00:00")]
    // Gas complaint investigation: natural days count holidays too.
    [InlineData("2026-02-14 20:00", 2, DeadlineUnit.NaturalDays, "2026-02-17 00:00")]
    [InlineData("2026-02-13 23:59", 1, DeadlineUnit.NaturalDays, "2026-02-15 00:00")]
    // The hotline's minute and hour limits run day and night, holidays included.
    [InlineData("2026-02-16 23:50", 20, DeadlineUnit.Minutes, "2026-02-17 00:10")]
    [InlineData("2026-02-16 09:00", 24, DeadlineUnit.Hours, "2026-02-17 09:00")]
    // Working hours: a start outside office hours begins at the next opening…
    [InlineData("2026-03-02 07:00", 1, DeadlineUnit.WorkingHours, "2026-03-02 09:30")]
    [InlineData("2026-03-02 12:30", 1, DeadlineUnit.WorkingHours, "2026-03-02 14:30")]
    [InlineData("2026-03-06 18:00", 1, DeadlineUnit.WorkingHours, "2026-03-09 09:30")]
    // …and a period that runs out exactly at a closing is due at that closing, not at the next opening.
    [InlineData("2026-03-02 16:30", 1, DeadlineUnit.WorkingHours, "2026-03-02 17:30")]
    [InlineData("2026-03-02 10:00", 2, DeadlineUnit.WorkingHours, "2026-03-02 12:00")]
    // 8 office hours from Friday 13 Feb 16:00: 1.5 h that day, the other 6.5 h on the worked Saturday.
    [InlineData("2026-02-13 16:00", 8, DeadlineUnit.WorkingHours, "2026-02-14 16:30")]
    // 10 office hours from the worked Saturday 14 Feb 08:30: 7.5 h that day, then the festival, then 2.5 h on the 24th.
    [InlineData("2026-02-14 08:30", 10, DeadlineUnit.WorkingHours, "2026-02-24 11:00")]
    public void The_deadline_is_where_the_rules_put_it(string start, int amount, DeadlineUnit unit, string due)
    {
        var actual = Cn.Due(Parse(start), new Period(amount, unit));

        Assert.Equal(Parse(due), actual);
        Assert.Equal(TimeSpan.FromHours(8), actual.Offset);
    }

    [Fact]
    public void A_day_period_reads_as_24_00_of_its_last_day()
    {
        var explanation = DeadlineExplanation.Of(Cn, Beijing(2026, 2, 13, 10), new Period(4, DeadlineUnit.WorkingDays));

        Assert.Equal("2026年2月26日 24:00", explanation.DueText.Zh);
        Assert.Equal(9, explanation.Steps.Count(s => s.Kind == DayKind.Holiday));
        Assert.Equal(4, explanation.Steps.Count(s => s.Counted > TimeSpan.Zero));
        var saturday = Assert.Single(explanation.Steps, s => s.Date == new DateOnly(2026, 2, 14));
        Assert.Equal((DayKind.AdjustedWorkingDay, 1), (saturday.Kind!.Value, saturday.Ordinal!.Value));
        Assert.All(explanation.Steps.Where(s => s.Date is { Day: >= 15 and <= 23 }), s => Assert.Equal("春节", s.Reason!.Zh));
        Assert.Equal(4, explanation.Steps.Max(s => s.Ordinal));
    }

    [Fact]
    public void A_deadline_past_the_last_loaded_year_is_refused_rather_than_guessed()
    {
        var error = Assert.Throws<CalendarNotLoadedException>(() => Cn.Due(Beijing(2026, 12, 30, 10), new Period(4, DeadlineUnit.WorkingDays)));

        Assert.Equal(new DateOnly(2026, 12, 31), error.LastLoaded);
        Assert.Contains("State Council notice", error.Message, StringComparison.Ordinal);
        // Minutes and natural days need no holiday data and keep working.
        Assert.Equal(Beijing(2027, 1, 3), Cn.Due(Beijing(2026, 12, 30, 10), new Period(3, DeadlineUnit.NaturalDays)));
    }

    [Fact]
    public void Pausing_keeps_the_business_time_left()
    {
        // Paused on Friday 13 Feb at 10:00 with 4 working days running; resumed after the festival.
        var start = Beijing(2026, 2, 11, 10);
        var due = Cn.Due(start, new Period(4, DeadlineUnit.WorkingDays));
        var left = Cn.Between(Beijing(2026, 2, 13, 10), due, DeadlineUnit.WorkingDays);
        var resumed = Cn.Add(Beijing(2026, 2, 24, 10), left, DeadlineUnit.WorkingDays);

        Assert.Equal(Beijing(2026, 2, 25), due);
        Assert.Equal(TimeSpan.FromHours(14 + 24 + 24), left);
        Assert.Equal(Beijing(2026, 2, 27), resumed);
    }

    private static DateTimeOffset Parse(string local)
    {
        var parts = local.Split(' ');
        var date = DateOnly.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var time = TimeOnly.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(date.ToDateTime(time), TimeSpan.FromHours(8));
    }
}
