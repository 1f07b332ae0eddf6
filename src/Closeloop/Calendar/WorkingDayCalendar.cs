using Closeloop.Presets;

namespace Closeloop.Calendar;

/// <summary>
/// A working-day calendar built from the official notices of each year, with office hours.
/// </summary>
/// <remarks>
/// Every deadline is computed on a <em>business clock</em>: a count of ticks that advances only in
/// the time a unit counts (all of a working day for working days, office hours for working hours,
/// every instant for minutes, hours and natural days). A deadline is the earliest instant at which
/// the business clock reaches the start's value plus the period, so a period that runs out at a
/// closing is due at that closing, and a working-day period is due at 24:00 of its last working day.
/// Pausing keeps the business time left and resuming adds it back, so a pause never shortens a clock.
/// The day tables are computed once, so each deadline is a few array look-ups, never a walk over days.
/// </remarks>
public sealed class WorkingDayCalendar
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;

    private readonly int _firstDayNumber;
    private readonly DayKind[] _kinds;
    private readonly Label?[] _reasons;

    // _workingBefore[i]: working days among the first i days; _workingDays[k]: index of the k-th working day.
    private readonly int[] _workingBefore;
    private readonly int[] _workingDays;
    private readonly long? _fixedOffsetTicks;

    /// <exception cref="ArgumentException">Years are missing or repeated, or a notice's dates do not fit its year.</exception>
    public WorkingDayCalendar(string id, Label name, TimeZoneInfo timeZone, OfficeHours officeHours, IReadOnlyList<CalendarYear> years)
    {
        if (years.Count == 0)
            throw new ArgumentException("a calendar needs at least one year", nameof(years));
        var ordered = years.OrderBy(y => y.Year).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Year != ordered[i - 1].Year + 1)
                throw new ArgumentException($"calendar '{id}' has no year {ordered[i - 1].Year + 1} between {ordered[i - 1].Year} and {ordered[i].Year}", nameof(years));
        }

        Id = id;
        Name = name;
        TimeZone = timeZone;
        OfficeHours = officeHours;
        Years = ordered;
        FirstDay = new DateOnly(ordered[0].Year, 1, 1);
        LastDay = new DateOnly(ordered[^1].Year, 12, 31);
        LastOfficialDay = ordered.LastOrDefault(y => !y.Provisional) is { } official ? new DateOnly(official.Year, 12, 31) : FirstDay.AddDays(-1);
        _firstDayNumber = FirstDay.DayNumber;
        var days = LastDay.DayNumber - _firstDayNumber + 1;

        _kinds = new DayKind[days];
        _reasons = new Label?[days];
        for (var i = 0; i < days; i++)
            _kinds[i] = FirstDay.AddDays(i).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.Weekend : DayKind.WorkingDay;
        foreach (var year in ordered)
            Mark(year);

        _workingBefore = new int[days + 1];
        var working = new List<int>(days);
        for (var i = 0; i < days; i++)
        {
            _workingBefore[i + 1] = _workingBefore[i];
            if (_kinds[i] is DayKind.WorkingDay or DayKind.AdjustedWorkingDay)
            {
                working.Add(i);
                _workingBefore[i + 1]++;
            }
        }
        _workingDays = [.. working];
        _fixedOffsetTicks = FixedOffset(timeZone, FirstDay, LastDay);
    }

    public string Id { get; }

    public Label Name { get; }

    public TimeZoneInfo TimeZone { get; }

    public OfficeHours OfficeHours { get; }

    public IReadOnlyList<CalendarYear> Years { get; }

    public DateOnly FirstDay { get; }

    /// <summary>The last date the calendar holds; a deadline past it is refused.</summary>
    public DateOnly LastDay { get; }

    /// <summary>The last date an official notice covers; after it, up to <see cref="LastDay"/>, days are provisional.</summary>
    public DateOnly LastOfficialDay { get; }

    /// <summary>
    /// This calendar with the year after its last one added as weekends only: what clocks count in,
    /// so that a clock running past the notices loaded is flagged provisional instead of refused.
    /// </summary>
    public WorkingDayCalendar WithProvisionalYear() =>
        Years[^1].Provisional ? this : new(Id, Name, TimeZone, OfficeHours, [.. Years, CalendarYear.ProvisionalAfter(Years[^1])]);

    /// <summary>
    /// Whether <paramref name="due"/> lies past the official dates (for a day period, whether its last
    /// day does): a deadline that may move once the next notice is loaded.
    /// </summary>
    public bool IsProvisional(DateTimeOffset due) => DateOf(due.AddTicks(-1)) > LastOfficialDay;

    public DayKind KindOf(DateOnly date) => _kinds[Index(date)];

    /// <summary>The holiday a date belongs to, or the holiday an adjusted working day makes up for.</summary>
    public Label? ReasonOf(DateOnly date) => _reasons[Index(date)];

    public bool IsWorkingDay(DateOnly date) => _kinds[Index(date)] is DayKind.WorkingDay or DayKind.AdjustedWorkingDay;

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="date"/> (which is not counted).</summary>
    /// <exception cref="CalendarNotLoadedException">That day lies past the loaded years.</exception>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var k = _workingBefore[Index(date) + 1] + count - 1;
        if (count == 0)
            return date;
        if (k >= _workingDays.Length)
            throw new CalendarNotLoadedException(Id, LastDay.AddDays(1), LastDay);
        return FirstDay.AddDays(_workingDays[k]);
    }

    /// <summary>The instant <paramref name="period"/> from <paramref name="start"/> runs out, in the calendar's local offset.</summary>
    /// <exception cref="CalendarNotLoadedException">The deadline lies outside the loaded years.</exception>
    public DateTimeOffset Due(DateTimeOffset start, Period period) => period.Unit switch
    {
        DeadlineUnit.Minutes => Local(start.AddMinutes(period.Amount)),
        DeadlineUnit.Hours => Local(start.AddHours(period.Amount)),
        // The start day is not counted: a day period begins at 24:00 of the day it starts on.
        DeadlineUnit.NaturalDays => Local(EndOfDay(start).AddDays(period.Amount)),
        DeadlineUnit.WorkingDays => FromBusiness(DeadlineUnit.WorkingDays, ToBusiness(DeadlineUnit.WorkingDays, EndOfDay(start)) + (period.Amount * TicksPerDay)),
        DeadlineUnit.WorkingHours => FromBusiness(DeadlineUnit.WorkingHours, ToBusiness(DeadlineUnit.WorkingHours, start) + TimeSpan.FromHours(period.Amount).Ticks),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period.Unit, "unknown unit"),
    };

    /// <summary>
    /// The business time that counts in <paramref name="unit"/> from <paramref name="from"/> to
    /// <paramref name="to"/>: what a paused clock keeps, what a stopped clock reports as early or late.
    /// </summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, DeadlineUnit unit) =>
        TimeSpan.FromTicks(ToBusiness(unit, to) - ToBusiness(unit, from));

    /// <summary>The earliest instant at which <paramref name="amount"/> of business time in <paramref name="unit"/> has passed after <paramref name="from"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset from, TimeSpan amount, DeadlineUnit unit) =>
        FromBusiness(unit, ToBusiness(unit, from) + amount.Ticks);

    /// <summary>
    /// <paramref name="instant"/> itself when office hours are open then, else the next opening: when
    /// a notification of a day or office-hour clock may reach people at work.
    /// </summary>
    /// <exception cref="CalendarNotLoadedException">The next opening lies past the loaded years.</exception>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        var date = DateOf(instant);
        if (IsWorkingDay(date))
        {
            var time = TimeOnly.FromTimeSpan(Local(instant).TimeOfDay);
            foreach (var (from, to) in OfficeHours.Periods)
            {
                if (time < from)
                    return At(date, from);
                if (time < to)
                    return Local(instant);
            }
        }
        return At(AddWorkingDays(date, 1), OfficeHours.Opening);
    }

    /// <summary><paramref name="instant"/> at the calendar's local offset.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromTicks(OffsetTicks(instant.UtcTicks)));

    /// <summary>The local date of <paramref name="instant"/>.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDayNumber((int)((instant.UtcTicks + OffsetTicks(instant.UtcTicks)) / TicksPerDay));

    /// <summary>The instant a local date and time denote.</summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        var offset = _fixedOffsetTicks is { } ticks ? TimeSpan.FromTicks(ticks) : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    // The business clock: ticks counted in `unit` since the first loaded day.
    private long ToBusiness(DeadlineUnit unit, DateTimeOffset instant)
    {
        if (unit is DeadlineUnit.Minutes or DeadlineUnit.Hours or DeadlineUnit.NaturalDays)
            return instant.UtcTicks;
        var local = instant.UtcTicks + OffsetTicks(instant.UtcTicks);
        var index = IndexOfDayNumber((int)(local / TicksPerDay));
        var timeOfDay = local % TicksPerDay;
        var working = _kinds[index] is DayKind.WorkingDay or DayKind.AdjustedWorkingDay;
        return unit == DeadlineUnit.WorkingDays
            ? (_workingBefore[index] * TicksPerDay) + (working ? timeOfDay : 0)
            : (_workingBefore[index] * OfficeHours.PerDay.Ticks) + (working ? OfficeHours.WorkedBy(TimeOnly.FromTimeSpan(TimeSpan.FromTicks(timeOfDay))).Ticks : 0);
    }

    private DateTimeOffset FromBusiness(DeadlineUnit unit, long business)
    {
        if (unit is DeadlineUnit.Minutes or DeadlineUnit.Hours or DeadlineUnit.NaturalDays)
            return Local(new DateTimeOffset(business, TimeSpan.Zero));
        var perDay = unit == DeadlineUnit.WorkingDays ? TicksPerDay : OfficeHours.PerDay.Ticks;
        var whole = business / perDay;
        var rest = business % perDay;
        if (rest == 0)
        {
            // Exactly used up: due when the last counted day ends (24:00, or the office's closing).
            if (whole == 0)
                return At(FirstDay, TimeOnly.MinValue);
            var last = FirstDay.AddDays(WorkingDay(whole - 1));
            return unit == DeadlineUnit.WorkingDays ? At(last.AddDays(1), TimeOnly.MinValue) : At(last, OfficeHours.Closing);
        }
        var day = FirstDay.AddDays(WorkingDay(whole));
        return unit == DeadlineUnit.WorkingDays
            ? At(day, TimeOnly.FromTimeSpan(TimeSpan.FromTicks(rest)))
            : At(day, OfficeHours.After(TimeSpan.FromTicks(rest)));
    }

    private int WorkingDay(long k) =>
        k < _workingDays.Length ? _workingDays[k] : throw new CalendarNotLoadedException(Id, LastDay.AddDays(1), LastDay);

    private DateTimeOffset EndOfDay(DateTimeOffset instant) => At(DateOf(instant).AddDays(1), TimeOnly.MinValue);

    private long OffsetTicks(long utcTicks) =>
        _fixedOffsetTicks ?? TimeZone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;

    private int Index(DateOnly date) => IndexOfDayNumber(date.DayNumber);

    private int IndexOfDayNumber(int dayNumber)
    {
        var index = dayNumber - _firstDayNumber;
        if ((uint)index < (uint)_kinds.Length)
            return index;
        var date = DateOnly.FromDayNumber(dayNumber);
        throw new CalendarNotLoadedException(Id, date, date < FirstDay ? FirstDay : LastDay);
    }

    private void Mark(CalendarYear year)
    {
        foreach (var holiday in year.Holidays)
        {
            if ((holiday.From.Year != year.Year && holiday.To.Year != year.Year) || holiday.To < holiday.From)
                throw new ArgumentException($"{year.Notice}: holiday {holiday.Name.Zh} {holiday.From}–{holiday.To} does not fit {year.Year}", nameof(year));
            for (var date = holiday.From; date <= holiday.To; date = date.AddDays(1))
            {
                _kinds[Index(date)] = DayKind.Holiday;
                _reasons[Index(date)] = holiday.Name;
            }
        }
        foreach (var adjusted in year.WorkingWeekends)
        {
            var index = Index(adjusted.Date);
            if (_kinds[index] != DayKind.Weekend)
                throw new ArgumentException($"{year.Notice}: {adjusted.Date} is made a working day but is not a weekend day outside the holidays", nameof(year));
            _kinds[index] = DayKind.AdjustedWorkingDay;
            _reasons[index] = adjusted.For;
        }
    }

    // Asia/Shanghai has kept +08:00 since 1991: one offset for the whole range saves a time-zone
    // lookup per deadline. A zone that changes offset in range is looked up each time.
    private static long? FixedOffset(TimeZoneInfo zone, DateOnly first, DateOnly last)
    {
        var offset = zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue));
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (zone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)) != offset || zone.GetUtcOffset(date.ToDateTime(new TimeOnly(12, 0))) != offset)
                return null;
        }
        return offset.Ticks;
    }
}
