namespace Closeloop.Calendar;

/// <summary>
/// The hours a unit works on a working day, e.g. 08:30–12:00 and 13:30–17:30. Working-hour
/// deadlines count only inside them; notifications of day and hour clocks wait for them.
/// </summary>
public sealed class OfficeHours
{
    /// <exception cref="ArgumentException">A period is empty, or periods overlap or are out of order.</exception>
    public OfficeHours(IReadOnlyList<(TimeOnly From, TimeOnly To)> periods)
    {
        if (periods.Count == 0)
            throw new ArgumentException("office hours need at least one period", nameof(periods));
        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i].To <= periods[i].From)
                throw new ArgumentException($"office period {periods[i].From:HH:mm}–{periods[i].To:HH:mm} ends before it starts", nameof(periods));
            if (i > 0 && periods[i].From < periods[i - 1].To)
                throw new ArgumentException("office periods must be in order and must not overlap", nameof(periods));
        }
        Periods = periods;
        PerDay = TimeSpan.FromTicks(periods.Sum(p => (p.To - p.From).Ticks));
    }

    public IReadOnlyList<(TimeOnly From, TimeOnly To)> Periods { get; }

    /// <summary>Working time in one working day (7 h 30 min for 08:30–12:00, 13:30–17:30).</summary>
    public TimeSpan PerDay { get; }

    public TimeOnly Opening => Periods[0].From;

    public TimeOnly Closing => Periods[^1].To;

    /// <summary>Office time from the opening of the day until <paramref name="time"/>.</summary>
    public TimeSpan WorkedBy(TimeOnly time)
    {
        var worked = TimeSpan.Zero;
        foreach (var (from, to) in Periods)
        {
            if (time <= from)
                break;
            worked += (time < to ? time : to) - from;
        }
        return worked;
    }

    /// <summary>The time of day by which <paramref name="worked"/> office time has passed; exactly at a closing when it ends there.</summary>
    public TimeOnly After(TimeSpan worked)
    {
        foreach (var (from, to) in Periods)
        {
            var length = to - from;
            if (worked <= length)
                return from.Add(worked);
            worked -= length;
        }
        throw new ArgumentOutOfRangeException(nameof(worked), "more than a day's office time");
    }

    /// <summary>Whether <paramref name="time"/> lies inside a period (from included, to excluded).</summary>
    public bool IsOpen(TimeOnly time) => Periods.Any(p => time >= p.From && time < p.To);
}
