using Closeloop.Presets;

namespace Closeloop.Calendar;

/// <summary>One year of official dates, as the year's State Council notice (<see cref="Notice"/>) sets them.</summary>
public sealed record CalendarYear(int Year, string Notice, IReadOnlyList<HolidayPeriod> Holidays, IReadOnlyList<AdjustedWorkingDay> WorkingWeekends);

/// <summary>Days off from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record HolidayPeriod(Label Name, DateOnly From, DateOnly To);

/// <summary>A weekend day worked to make up for <see cref="For"/>.</summary>
public sealed record AdjustedWorkingDay(DateOnly Date, Label For);
