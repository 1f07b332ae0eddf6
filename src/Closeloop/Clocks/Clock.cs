using Closeloop.Calendar;

namespace Closeloop.Clocks;

/// <summary>
/// One running deadline on one order (时限计时): a row the clock runner watches.
/// </summary>
/// <remarks>
/// A clock counts business time in its unit on the calendar of the unit that counts it
/// (<see cref="CountedBy"/>). <see cref="Allowed"/> is the business time from the start to the due
/// the period gives, so that a day period keeps the civil-law rule (the start day is not counted)
/// however often the clock pauses. Pausing banks the time used; resuming counts on from the
/// resume with what was left, so a pause never shortens a clock. <see cref="NextFireAt"/> is the
/// only thing the runner looks at: the next warning or breach still to fire, null when none is.
/// Instants are kept in UTC.
/// </remarks>
public sealed class Clock
{
    private Clock()
    {
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    /// <summary>The <see cref="ClockPolicy.Code"/> it follows.</summary>
    public string Policy { get; private set; } = "";

    /// <summary>1 for the first clock of its policy on the order, 2 when the start action comes again, …</summary>
    public int Instance { get; private set; }

    public DeadlineUnit Unit { get; private set; }

    public int Amount { get; private set; }

    /// <summary>The org unit whose calendar and office hours the clock counts in.</summary>
    public string CountedBy { get; private set; } = "";

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Business time from the start to the period's due.</summary>
    public TimeSpan Allowed { get; private set; }

    /// <summary>Business time after the start at which the clock warns; null for no warning.</summary>
    public TimeSpan? WarnAfter { get; private set; }

    /// <summary>Business time used before <see cref="RunningSince"/> (banked by pauses).</summary>
    public TimeSpan Used { get; private set; }

    /// <summary>When the clock last started counting; null while paused or stopped.</summary>
    public DateTimeOffset? RunningSince { get; private set; }

    public DateTimeOffset Due { get; private set; }

    public DateTimeOffset? WarnAt { get; private set; }

    public DateTimeOffset? PausedAt { get; private set; }

    public ClockState State { get; private set; }

    public DateTimeOffset? WarnedAt { get; private set; }

    public DateTimeOffset? BreachedAt { get; private set; }

    public DateTimeOffset? StoppedAt { get; private set; }

    /// <summary>Once stopped: business time to spare (positive) or over (negative).</summary>
    public TimeSpan? Margin { get; private set; }

    /// <summary>The next warning or breach the runner must fire; null when paused, stopped or all fired.</summary>
    public DateTimeOffset? NextFireAt { get; private set; }

    public BreachActions OnBreach { get; private set; }

    /// <summary>The supervising unit a breach raised the order to.</summary>
    public string? EscalatedTo { get; private set; }

    /// <summary>The due lies past the official holiday notices loaded: it may move when the next one is.</summary>
    public bool Provisional { get; private set; }

    public bool IsStopped => StoppedAt is not null;

    /// <summary>The period the clock allows.</summary>
    public Period Period => new(Amount, Unit);

    /// <summary>Starts a clock of <paramref name="policy"/> at <paramref name="start"/>.</summary>
    /// <exception cref="CalendarNotLoadedException">The due lies past the loaded years.</exception>
    public static Clock Start(
        Guid id, Guid workOrderId, ClockPolicy policy, int instance, Period period, WorkingDayCalendar calendar, string countedBy, DateTimeOffset start, DateTimeOffset now)
    {
        var clock = new Clock
        {
            Id = id,
            WorkOrderId = workOrderId,
            Policy = policy.Code,
            Instance = instance,
            CountedBy = countedBy,
            StartedAt = start.ToUniversalTime(),
            RunningSince = start.ToUniversalTime(),
            OnBreach = policy.Breach,
        };
        clock.Limit(period, policy.Warning, calendar);
        clock.Recount(calendar, now);
        return clock;
    }

    public ClockChange Pause(WorkingDayCalendar calendar, DateTimeOffset at)
    {
        if (RunningSince is not { } since || IsStopped)
            return Change(ClockChangeKind.Paused);
        Used += calendar.Between(since, at, Unit);
        RunningSince = null;
        PausedAt = at;
        NextFireAt = null;
        State = ClockState.Paused;
        return Change(ClockChangeKind.Paused);
    }

    public ClockChange Resume(WorkingDayCalendar calendar, DateTimeOffset at)
    {
        if (State != ClockState.Paused)
            return Change(ClockChangeKind.Resumed);
        RunningSince = at;
        PausedAt = null;
        Recount(calendar, at);
        return Change(ClockChangeKind.Resumed);
    }

    /// <summary>Stops the clock for good and keeps how early or late it was.</summary>
    public ClockChange Stop(WorkingDayCalendar calendar, DateTimeOffset at)
    {
        var used = Used + (RunningSince is { } since ? calendar.Between(since, at, Unit) : TimeSpan.Zero);
        Margin = Allowed - used;
        if (Margin < TimeSpan.Zero)
        {
            State = ClockState.Breached;
            BreachedAt ??= Due;
        }
        else
        {
            State = ClockState.Met;
        }
        Used = used;
        RunningSince = null;
        PausedAt = null;
        StoppedAt = at;
        NextFireAt = null;
        return Change(ClockChangeKind.Stopped);
    }

    /// <summary>
    /// Counts the clock anew from its start under another unit's period or calendar: the order
    /// reached a unit that tightens it, or left one.
    /// </summary>
    public ClockChange? Relimit(Period period, ClockWarning? warning, WorkingDayCalendar calendar, string countedBy, DateTimeOffset now)
    {
        if (IsStopped || (period == Period && countedBy == CountedBy))
            return null;
        CountedBy = countedBy;
        Limit(period, warning, calendar);
        if (RunningSince is not null)
            Recount(calendar, now);
        return Change(ClockChangeKind.Relimited);
    }

    /// <summary>Counts a provisional clock again in a calendar that may now hold the notice its due needed.</summary>
    /// <returns>Null when nothing changed.</returns>
    public ClockChange? CountAgain(WorkingDayCalendar calendar, DateTimeOffset now)
    {
        if (IsStopped || !Provisional || RunningSince is null)
            return null;
        var due = Due;
        Recount(calendar, now);
        return Due == due && Provisional ? null : Change(ClockChangeKind.Recounted);
    }

    /// <summary>Fires what is due by <paramref name="now"/>: the breach if the due has passed, else the warning.</summary>
    /// <returns>Null when nothing was due.</returns>
    public ClockChange? Fire(DateTimeOffset now)
    {
        if (NextFireAt is not { } next || next > now || RunningSince is null)
            return null;
        ClockChange change;
        if (Due <= now)
        {
            WarnedAt ??= WarnAt;
            BreachedAt = Due;
            State = ClockState.Breached;
            change = Change(ClockChangeKind.Breached);
        }
        else
        {
            WarnedAt = WarnAt;
            State = ClockState.Warned;
            change = Change(ClockChangeKind.Warned);
        }
        NextFireAt = NextFire();
        return change;
    }

    /// <summary>Records the supervising unit a breach raised the order to.</summary>
    public void EscalateTo(string unit) => EscalatedTo = unit;

    private void Limit(Period period, ClockWarning? warning, WorkingDayCalendar calendar)
    {
        Unit = period.Unit;
        Amount = period.Amount;
        Allowed = calendar.Between(StartedAt, calendar.Due(StartedAt, period), period.Unit);
        WarnAfter = warning?.After(Allowed, UnitLength(period.Unit));
    }

    // Due and warning from where the clock is now: what is left of the allowed time, counted from
    // the moment it last started running.
    private void Recount(WorkingDayCalendar calendar, DateTimeOffset now)
    {
        var since = RunningSince!.Value;
        Due = calendar.Add(since, Allowed - Used, Unit).ToUniversalTime();
        Provisional = calendar.IsProvisional(Due);
        WarnAt = WarnAfter is { } after ? calendar.Add(since, after > Used ? after - Used : TimeSpan.Zero, Unit).ToUniversalTime() : null;
        // A stricter unit may put the due behind us: the runner breaches it on its next sweep.
        State = BreachedAt is not null && Due <= now ? ClockState.Breached : WarnedAt is not null && (WarnAt is null || WarnAt <= now) ? ClockState.Warned : ClockState.Running;
        if (BreachedAt is not null && Due > now)
            BreachedAt = null;
        if (WarnedAt is not null && WarnAt > now)
            WarnedAt = null;
        NextFireAt = NextFire();
    }

    private DateTimeOffset? NextFire() =>
        BreachedAt is not null ? null : WarnedAt is null && WarnAt is { } warn && warn < Due ? warn : Due;

    private ClockChange Change(ClockChangeKind kind) =>
        new(Policy, Instance, kind, State, IsStopped ? null : Due, Margin);

    private static TimeSpan UnitLength(DeadlineUnit unit) => unit switch
    {
        DeadlineUnit.Minutes => TimeSpan.FromMinutes(1),
        DeadlineUnit.Hours or DeadlineUnit.WorkingHours => TimeSpan.FromHours(1),
        DeadlineUnit.NaturalDays or DeadlineUnit.WorkingDays => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown unit"),
    };
}
