using System.Linq.Expressions;
using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.Presets;
using Closeloop.Server.Calendar;

namespace Closeloop.Server.Clocks;

/// <summary>
/// A deadline clock of an order as the API shows it: where it stands, when it is due (as people read
/// it: "2月26日 24:00"), how early or late it stopped and, on a single order, which days it counted.
/// </summary>
/// <param name="Remaining">Business time left; kept while paused.</param>
/// <param name="Overdue">Breached, still running, and its policy flags the order overdue.</param>
/// <param name="Provisional">The due lies past the holiday notices loaded and may move when the next one is.</param>
/// <param name="Steps">The days the period counted and skipped from the start, when asked for.</param>
public sealed record ClockView(
    string Policy,
    Label Name,
    int Instance,
    DeadlineUnit Unit,
    int Amount,
    string CountedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset Due,
    Label DueText,
    DateTimeOffset? WarnAt,
    ClockState State,
    bool Stopped,
    DateTimeOffset? PausedAt,
    TimeSpan Remaining,
    DateTimeOffset? WarnedAt,
    DateTimeOffset? BreachedAt,
    DateTimeOffset? StoppedAt,
    TimeSpan? Margin,
    Label? MarginText,
    string? EscalatedTo,
    bool Overdue,
    bool Provisional,
    IReadOnlyList<DeadlineStep>? Steps)
{
    /// <summary>
    /// A clock that makes its order overdue: breached, still running, and its policy flags the order.
    /// One rule for the order's view, the list rows and the <c>overdue</c> filter, which runs it in SQL.
    /// </summary>
    public static readonly Expression<Func<Clock, bool>> MakesOverdue =
        c => c.StoppedAt == null && c.State == ClockState.Breached && c.OnBreach.HasFlag(BreachActions.Flag);

    private static readonly Func<Clock, bool> MakesOverdueNow = MakesOverdue.Compile();

    /// <summary>Whether any of <paramref name="clocks"/> makes its order overdue.</summary>
    public static bool AnyOverdue(IEnumerable<Clock> clocks) => clocks.Any(MakesOverdueNow);

    public static List<ClockView> ListOf(IEnumerable<Clock> clocks, Rulebook rulebook, Calendars calendars, DateTimeOffset now, bool explain)
    {
        var names = rulebook.Clocks.ToDictionary(c => c.Code, c => c.Label);
        var calendarOf = calendars.ByUnit(rulebook);
        return [.. clocks.OrderBy(c => c.StartedAt).ThenBy(c => c.Policy, StringComparer.Ordinal).ThenBy(c => c.Instance)
            .Select(c => Of(c, names.GetValueOrDefault(c.Policy) ?? new Label(c.Policy, c.Policy), calendarOf(c.CountedBy), now, explain))];
    }

    private static ClockView Of(Clock clock, Label name, WorkingDayCalendar calendar, DateTimeOffset now, bool explain)
    {
        var used = clock.Used + (clock.RunningSince is { } since && !clock.IsStopped ? calendar.Between(since, now, clock.Unit) : TimeSpan.Zero);
        return new ClockView(
            clock.Policy, name, clock.Instance, clock.Unit, clock.Amount, clock.CountedBy, calendar.Local(clock.StartedAt), calendar.Local(clock.Due),
            DeadlineExplanation.DueTextOf(calendar, clock.Due, clock.Unit), clock.WarnAt, clock.State, clock.IsStopped, clock.PausedAt,
            clock.IsStopped ? TimeSpan.Zero : clock.Allowed - used, clock.WarnedAt, clock.BreachedAt, clock.StoppedAt, clock.Margin,
            clock.Margin is { } margin ? TextOfMargin(margin) : null, clock.EscalatedTo,
            MakesOverdueNow(clock),
            clock.Provisional,
            explain ? DeadlineExplanation.Of(calendar, clock.StartedAt, clock.Period).Steps : null);
    }

    /// <summary>"提前1天2小时" / "1 d 2 h early", "超时30分钟" / "30 min late".</summary>
    public static Label TextOfMargin(TimeSpan margin)
    {
        var size = margin.Duration();
        var parts = new List<(int Value, string Zh, string En)>
        {
            (size.Days, "天", "d"), (size.Hours, "小时", "h"), (size.Minutes, "分钟", "min"),
        }.Where(p => p.Value > 0).ToList();
        if (parts.Count == 0)
            parts.Add((0, "分钟", "min"));
        var zh = string.Concat(parts.Select(p => $"{p.Value}{p.Zh}"));
        var en = string.Join(' ', parts.Select(p => $"{p.Value} {p.En}"));
        return margin >= TimeSpan.Zero ? new Label($"提前{zh}", $"{en} early") : new Label($"超时{zh}", $"{en} late");
    }
}
