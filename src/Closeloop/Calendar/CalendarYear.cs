using Closeloop.Presets;

namespace Closeloop.Calendar;

/// <summary>One year of official dates, as the year's State Council notice (<see cref="Notice"/>) sets them.</summary>
/// <param name="Provisional">
/// No notice is out yet: weekends only, so that clocks running into the year can count on, flagged,
/// until the notice is loaded and they are counted again.
/// </param>
public sealed record CalendarYear(
    int Year, string Notice, IReadOnlyList<HolidayPeriod> Holidays, IReadOnlyList<AdjustedWorkingDay> WorkingWeekends, bool Provisional = false)
{
    /// <summary>The year after <paramref name="last"/>, weekends only, until its notice is loaded.</summary>
    public static CalendarYear ProvisionalAfter(CalendarYear last) =>
        new(last.Year + 1, $"none loaded for {last.Year + 1}: weekends only", [], [], Provisional: true);
}

/// <summary>Days off from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record HolidayPeriod(Label Name, DateOnly From, DateOnly To);

/// <summary>A weekend day worked to make up for <see cref="For"/>.</summary>
public sealed record AdjustedWorkingDay(DateOnly Date, Label For);
