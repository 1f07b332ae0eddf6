using Closeloop.Clocks;
using Closeloop.People;
using Closeloop.Problems;
using Closeloop.Server.Clocks;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Closeloop.Server.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Overview;

/// <summary>
/// A manager's overview (管理概览) of a unit and everything below it: open orders by status, type and
/// child unit, the orders overdue and due within two hours, and per day of the last weeks the orders
/// accepted and the share of deadlines kept. Every part reads an index or the count roll-up, so it
/// costs about the same at a million orders as at a thousand.
/// </summary>
public static class ManagerOverview
{
    public const int DefaultDays = 30;
    public const int MaxDays = 90;
    public const int ListLimit = 20;
    public static readonly TimeSpan DueSoonWithin = TimeSpan.FromHours(2);

    /// <param name="Unit">The unit looked at, with its subtree; the person's own unit when left out.</param>
    /// <param name="At">The instant the overview was read; the series' days are in <paramref name="TimeZone"/>.</param>
    public sealed record Answer(
        string Unit,
        DateTimeOffset At,
        string TimeZone,
        long Open,
        IReadOnlyDictionary<string, long> ByStatus,
        IReadOnlyDictionary<string, long> ByType,
        IReadOnlyList<UnitCount> ByUnit,
        IReadOnlyList<DueOrder> Overdue,
        IReadOnlyList<DueOrder> DueSoon,
        IReadOnlyList<Day> Days);

    /// <param name="Unit">A direct child of the unit looked at, counting its whole subtree; or the unit itself (<paramref name="Own"/>) for the orders it holds.</param>
    public sealed record UnitCount(string Unit, bool Own, long Open);

    /// <param name="Clock">The clock whose due this is: the nearest one when an order has several.</param>
    public sealed record DueOrder(string Number, string Type, string Status, string ResponsibleUnit, string Clock, DateTimeOffset Due);

    /// <param name="Met">Deadlines that stopped that day in time.</param>
    /// <param name="Breached">Deadlines that stopped that day late.</param>
    /// <param name="OnTimeRate">Met over met and breached; null on a day none stopped.</param>
    public sealed record Day(DateOnly Date, int Accepted, int Met, int Breached, double? OnTimeRate);

    public static async Task<Results<Ok<Answer>, ValidationProblem, ProblemHttpResult>> Handle(
        string? unit, int? days, HttpContext http, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rules = rulebooks.Current;
        var authority = http.Authority(rules);
        if (!authority.May(Right.ReadReports))
            return Refusals.Forbidden("The overview needs the readReports right.");
        var errors = new FieldErrors();
        var chosen = unit ?? authority.Person.Unit;
        var scope = UnitFilter.Resolve(rules.Org, chosen, subtree: true, authority, http, errors);
        var dayCount = days ?? DefaultDays;
        if (dayCount is < 1 or > MaxDays)
            errors.Add("days", Problem.Range(1, MaxDays), $"must be 1 to {MaxDays}");
        if (errors.Any)
            return errors.ToProblem();
        if (scope.Refusal is { } refusal)
            return refusal;
        // The whole tree needs no filter, and reads its indexes best without one.
        var units = scope.Units!.Count == rules.Org.Units.Count ? null : scope.Units;
        var now = clock.GetUtcNow();

        var final = rules.Lifecycles.Values.SelectMany(l => l.Final).ToHashSet();
        var open = (await WorkOrderCounts.CellsByUnitAsync(db, units, cancellationToken)).Where(c => !final.Contains(c.Status)).ToList();
        var childOf = ChildOf(rules.Org, chosen);
        var byUnit = rules.Org.Units.Where(u => u.ParentCode == chosen)
            .Select(u => new UnitCount(u.Code, false, open.Where(c => childOf(c.Unit) == u.Code).Sum(c => c.Count)))
            .Prepend(new UnitCount(chosen, true, open.Where(c => c.Unit == chosen).Sum(c => c.Count)))
            .ToList();

        var series = LocalDays.Last(dayCount, now, rules.TimeZone);
        return TypedResults.Ok(new Answer(
            chosen,
            now,
            rules.TimeZone.Id,
            open.Sum(c => c.Count),
            open.GroupBy(c => c.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)),
            open.GroupBy(c => c.Type).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)),
            byUnit,
            await OverdueAsync(db, units, cancellationToken),
            await DueSoonAsync(db, units, now, cancellationToken),
            await DaysAsync(db, units, series, cancellationToken)));
    }

    // Which direct child of the chosen unit a unit of its subtree lies under; null for the chosen unit itself.
    private static Func<string, string?> ChildOf(Closeloop.Org.OrgTree org, string chosen)
    {
        var depth = org.PathOf(chosen).Count;
        return code => org.Contains(code) && org.PathOf(code) is { } path && path.Count > depth ? path[depth] : null;
    }

    // The running clocks by due (ix_clocks_running_by_due), just breached first: what may still be saved.
    private static async Task<List<DueOrder>> OverdueAsync(CloseloopDb db, List<string>? units, CancellationToken cancellationToken)
    {
        var rows = await Scoped(db, db.Clocks.Where(ClockView.MakesOverdue), units)
            .OrderByDescending(r => r.Due).ThenBy(r => r.Number)
            .Take(ListLimit * 4)
            .ToListAsync(cancellationToken);
        return [.. rows.DistinctBy(r => r.Number).Take(ListLimit).Select(r => r.ToDueOrder())];
    }

    private static async Task<List<DueOrder>> DueSoonAsync(CloseloopDb db, List<string>? units, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = now + DueSoonWithin;
        var running = db.Clocks.Where(c => c.StoppedAt == null && c.RunningSince != null && c.Due > now && c.Due <= horizon);
        var rows = await Scoped(db, running, units)
            .OrderBy(r => r.Due).ThenBy(r => r.Number)
            .Take(ListLimit * 4)
            .ToListAsync(cancellationToken);
        return [.. rows.DistinctBy(r => r.Number).Take(ListLimit).Select(r => r.ToDueOrder())];
    }

    private static IQueryable<DueRow> Scoped(CloseloopDb db, IQueryable<Clock> clocks, List<string>? units)
    {
        var orders = db.WorkOrders.AsNoTracking().Where(o => o.ClosedAt == null);
        if (units is not null)
            orders = orders.Where(o => units.Contains(o.ResponsibleUnit));
        return clocks.AsNoTracking().Join(orders, c => c.WorkOrderId, o => o.Id, (c, o) => new DueRow
        {
            Number = o.Number,
            Type = o.Type,
            Status = o.Status,
            ResponsibleUnit = o.ResponsibleUnit,
            Clock = c.Policy,
            Due = c.Due,
        });
    }

    // Orders accepted per day (the created_at index) as the lists scope them: accepted in the subtree or
    // with it now; deadlines kept per day of stopping (ix_clocks_stopped), counted by the subtree's units.
    private static async Task<List<Day>> DaysAsync(CloseloopDb db, List<string>? units, LocalDays days, CancellationToken cancellationToken)
    {
        var (from, until) = (days.From, days.Until);
        var orders = db.WorkOrders.AsNoTracking().Where(o => o.CreatedAt >= from && o.CreatedAt < until);
        if (units is not null)
            orders = orders.Where(o => units.Contains(o.ResponsibleUnit) || units.Contains(o.AcceptingUnit));
        var accepted = await orders
            .Select(o => new Instant { At = o.CreatedAt })
            .GroupBy(days.IndexOf<Instant>(i => i.At))
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToDictionaryAsync(d => d.Day, d => d.Count, cancellationToken);

        var stopped = db.Clocks.AsNoTracking().Where(c => c.StoppedAt >= from && c.StoppedAt < until);
        if (units is not null)
            stopped = stopped.Where(c => units.Contains(c.CountedBy));
        var kept = await stopped
            .Select(c => new Instant { At = c.StoppedAt, State = c.State })
            .GroupBy(days.IndexOf<Instant>(i => i.At))
            .Select(g => new { Day = g.Key, Met = g.Count(i => i.State == ClockState.Met), Breached = g.Count(i => i.State == ClockState.Breached) })
            .ToDictionaryAsync(d => d.Day, cancellationToken);

        return [.. days.Dates.Select((date, i) =>
        {
            var (met, breached) = kept.TryGetValue(i, out var k) ? (k.Met, k.Breached) : (0, 0);
            return new Day(date, accepted.GetValueOrDefault(i), met, breached, met + breached == 0 ? null : Math.Round((double)met / (met + breached), 4));
        })];
    }

    private sealed class DueRow
    {
        public required string Number { get; init; }

        public required string Type { get; init; }

        public required string Status { get; init; }

        public required string ResponsibleUnit { get; init; }

        public required string Clock { get; init; }

        public DateTimeOffset Due { get; init; }

        public DueOrder ToDueOrder() => new(Number, Type, Status, ResponsibleUnit, Clock, Due);
    }

    // An object initializer, not a constructor: EF follows its members into the GROUP BY.
    private sealed class Instant
    {
        public DateTimeOffset? At { get; init; }

        public ClockState State { get; init; }
    }
}
