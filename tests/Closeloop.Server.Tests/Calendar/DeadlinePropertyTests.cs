using Closeloop.Calendar;
using CsCheck;
using static Closeloop.Server.Tests.Calendar.OfficialCalendar;

namespace Closeloop.Server.Tests.Calendar;

/// <summary>Laws every deadline keeps, checked on random starts across 2024–2026 of the official calendar.</summary>
public sealed class DeadlinePropertyTests
{
    // Starts from 2024-01-01 to mid-2026, to the minute, so periods of up to 60 working days stay inside the data.
    private static readonly Gen<DateTimeOffset> Start =
        Gen.Int[0, (int)(Beijing(2026, 8, 1) - Beijing(2024, 1, 1)).TotalMinutes].Select(m => Beijing(2024, 1, 1).AddMinutes(m));

    private static readonly Gen<DeadlineUnit> Unit = Gen.Enum<DeadlineUnit>();

    [Fact]
    public void Adding_working_days_never_lands_on_a_day_that_is_not_worked()
    {
        Gen.Select(Start, Gen.Int[1, 60]).Sample((start, days) =>
        {
            var due = Cn.Due(start, new Period(days, DeadlineUnit.WorkingDays));
            var lastDay = Cn.DateOf(due).AddDays(-1);
            Assert.Equal(TimeSpan.Zero, due.TimeOfDay);
            Assert.True(Cn.IsWorkingDay(lastDay), $"{start} + {days} working days ends on {lastDay}, a {Cn.KindOf(lastDay)}");
        });
    }

    [Fact]
    public void Working_hours_end_inside_office_hours_or_at_a_closing()
    {
        Gen.Select(Start, Gen.Int[1, 200]).Sample((start, hours) =>
        {
            var due = Cn.Local(Cn.Due(start, new Period(hours, DeadlineUnit.WorkingHours)));
            var time = TimeOnly.FromDateTime(due.DateTime);
            Assert.True(Cn.IsWorkingDay(Cn.DateOf(due)));
            Assert.True(Cn.OfficeHours.IsOpen(time) || Cn.OfficeHours.Periods.Any(p => p.To == time), $"{start} + {hours} h is due at {due}");
        });
    }

    [Fact]
    public void Splitting_a_period_in_two_gives_the_same_due()
    {
        Gen.Select(Start, Gen.Int[1, 30], Gen.Int[1, 30], Unit).Sample((start, first, second, unit) =>
        {
            var whole = Cn.Due(start, new Period(first + second, unit));
            var half = Cn.Due(start, new Period(first, unit));
            var rest = unit switch
            {
                DeadlineUnit.Minutes => TimeSpan.FromMinutes(second),
                DeadlineUnit.Hours or DeadlineUnit.WorkingHours => TimeSpan.FromHours(second),
                _ => TimeSpan.FromDays(second),
            };
            Assert.Equal(whole, Cn.Add(half, rest, unit));
        });
    }

    [Fact]
    public void Pause_and_resume_never_shortens_a_clock()
    {
        Gen.Select(Start, Gen.Int[1, 20], Unit, Gen.Double[0, 1], Gen.Int[0, 60 * 24 * 20]).Sample((start, amount, unit, pausedAt, pausedMinutes) =>
        {
            var due = Cn.Due(start, new Period(amount, unit));
            var pause = start + ((due - start) * pausedAt);
            var resume = pause.AddMinutes(pausedMinutes);
            var left = Cn.Between(pause, due, unit);
            var resumedDue = Cn.Add(resume, left, unit);

            Assert.True(left >= TimeSpan.Zero);
            Assert.True(resumedDue >= due, $"{unit}: paused {pause}, resumed {resume}: due {due} became {resumedDue}");
            if (pausedMinutes == 0)
                Assert.Equal(due, resumedDue);
        });
    }

    [Fact]
    public void A_later_start_never_gives_an_earlier_deadline()
    {
        Gen.Select(Start, Gen.Int[0, 60 * 24 * 10], Gen.Int[1, 30], Unit).Sample((start, later, amount, unit) =>
        {
            var period = new Period(amount, unit);
            Assert.True(Cn.Due(start.AddMinutes(later), period) >= Cn.Due(start, period));
        });
    }
}
