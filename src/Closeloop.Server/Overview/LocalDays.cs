using System.Linq.Expressions;

namespace Closeloop.Server.Overview;

/// <summary>
/// The last few days in a time zone, as UTC instants where each starts, and the SQL-translatable
/// expression that tells which of them an instant falls on. A day is bounded by local midnights, so a
/// day in a zone that changes its clocks has 23 or 25 hours, as people count it.
/// </summary>
internal sealed class LocalDays
{
    private LocalDays(IReadOnlyList<DateOnly> dates, DateTimeOffset[] starts)
    {
        Dates = dates;
        Starts = starts;
    }

    /// <summary>The days, oldest first, the last being today.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>Where each day starts, and after the last where tomorrow starts: one more than <see cref="Dates"/>.</summary>
    public DateTimeOffset[] Starts { get; }

    public DateTimeOffset From => Starts[0];

    public DateTimeOffset Until => Starts[^1];

    public static LocalDays Last(int count, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var dates = Enumerable.Range(0, count).Select(i => today.AddDays(i - count + 1)).ToList();
        var starts = dates.Append(today.AddDays(1)).Select(d => StartOf(d, zone)).ToArray();
        return new LocalDays(dates, starts);
    }

    /// <summary>
    /// <c>x &lt; start[1] ? 0 : x &lt; start[2] ? 1 : … : last</c> for an instant already known to lie in the
    /// days: one CASE in SQL, so the database counts per day without knowing the time zone. The starts
    /// travel as parameters, so the value converters of every provider apply to them.
    /// </summary>
    public Expression<Func<T, int>> IndexOf<T>(Expression<Func<T, DateTimeOffset?>> instant)
    {
        var row = instant.Parameters[0];
        var starts = Expression.Constant(Starts);
        Expression index = Expression.Constant(Dates.Count - 1);
        for (var i = Dates.Count - 1; i >= 1; i--)
        {
            var start = Expression.Convert(Expression.ArrayIndex(starts, Expression.Constant(i)), typeof(DateTimeOffset?));
            index = Expression.Condition(Expression.LessThan(instant.Body, start), Expression.Constant(i - 1), index);
        }
        return Expression.Lambda<Func<T, int>>(index, row);
    }

    private static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        // Where the clocks jump over midnight, the day starts at the first minute that exists.
        while (zone.IsInvalidTime(midnight))
            midnight = midnight.AddMinutes(15);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, zone), TimeSpan.Zero);
    }
}
