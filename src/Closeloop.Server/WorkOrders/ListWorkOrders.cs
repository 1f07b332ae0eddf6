using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Closeloop.Calendar;
using Closeloop.Clocks;
using Closeloop.People;
using Closeloop.Problems;
using Closeloop.Server.Clocks;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Closeloop.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// Lists orders newest first, filtered, one page at a time. Pages are read by key (the last
/// order's instant and number), so page 1,000 costs what page 1 costs.
/// </summary>
public static class ListWorkOrders
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public sealed record Query(
        string? Type,
        string? Status,
        string? Unit,
        bool? Subtree,
        bool? Open,
        string? Channel,
        DateTimeOffset? CreatedFrom,
        DateTimeOffset? CreatedTo,
        string? Q,
        bool? Overdue,
        int? DueWithinMinutes,
        bool? Breached,
        string? EscalatedTo,
        string? Clock,
        bool? Urged,
        bool? Supervised,
        int? Limit,
        string? After);

    /// <param name="Overdue">A running clock of the order is breached and flags it.</param>
    /// <param name="NextDue">The nearest due among its running clocks, and which clock it is.</param>
    public sealed record Summary(
        Guid Id, string Number, string Type, string? Subtype, Channel Channel, string CustomerName, string CustomerPhone, string Content,
        string? Grade, string ResponsibleUnit, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt,
        bool Overdue, DateTimeOffset? NextDue, string? NextDueClock, int Urges, bool Supervised);

    public sealed record Page(IReadOnlyList<Summary> Items, string? Next);

    public static async Task<Results<Ok<Page>, ValidationProblem, ProblemHttpResult>> Handle(
        [AsParameters] Query query, HttpContext http, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rules = rulebooks.Current;
        var authority = http.Authority(rules);
        if (!authority.May(Right.ReadOrders))
            return Refusals.Forbidden("Reading orders needs the readOrders right.");
        var errors = new FieldErrors();
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
            errors.Add("limit", Problem.Range(1, MaxLimit), $"must be between 1 and {MaxLimit}");
        var statuses = Split(query.Status);
        var scope = UnitFilter.Resolve(rules.Org, query.Unit, query.Subtree, authority, http, errors);
        Channel? channel = null;
        if (query.Channel is not null)
        {
            if (Enum.TryParse<Channel>(query.Channel, ignoreCase: true, out var parsed) && !int.TryParse(query.Channel, out _))
                channel = parsed;
            else
                errors.Add("channel", Problem.OneOf(query.Channel, CreateWorkOrder.Channels.Keys), $"unknown value '{query.Channel}'");
        }
        if (query.Type is not null && !rules.Types.ContainsKey(query.Type))
            errors.Add("type", Problem.OneOf(query.Type, rules.Types.Keys), $"unknown value '{query.Type}' (known: {string.Join(", ", rules.Types.Keys)})");
        if (query.CreatedFrom is { } from && query.CreatedTo is { } to && from > to)
            errors.Add("createdTo", Problem.NotBefore("createdFrom"), "must not be before createdFrom");
        errors.MaxLength("q", query.Q, 200);
        if (query.DueWithinMinutes is < 1 or > Period.MaxAmount)
            errors.Add("dueWithinMinutes", Problem.Range(1, Period.MaxAmount), $"must be 1 to {Period.MaxAmount}");
        if (query.EscalatedTo is not null && !rules.Org.Contains(query.EscalatedTo))
            errors.Add("escalatedTo", Problem.UnknownUnit(query.EscalatedTo), $"unknown org unit '{query.EscalatedTo}'");
        if (query.Clock is not null && rules.Clocks.All(c => c.Code != query.Clock))
            errors.Add("clock", Problem.OneOf(query.Clock, rules.Clocks.Select(c => c.Code)), $"unknown clock '{query.Clock}' (known: {string.Join(", ", rules.Clocks.Select(c => c.Code))})");
        var after = query.After is null ? null : Cursor.TryRead(query.After);
        if (query.After is not null && after is null)
            errors.Add("after", Problem.Cursor, "is not a cursor this server handed out");
        if (errors.Any)
            return errors.ToProblem();
        if (scope.Refusal is { } refusal)
            return refusal;

        var orders = db.WorkOrders.AsNoTracking();
        var units = scope.Units ?? [];
        if (query.Type is not null)
            orders = orders.Where(o => o.Type == query.Type);
        if (statuses.Count > 0)
            orders = orders.Where(o => statuses.Contains(o.Status));
        if (!scope.Asked && scope.Units is not null)
            // The person's whole subtree: what is with it now, what it accepted, and the complaints found against it.
            orders = orders.Where(o => units.Contains(o.ResponsibleUnit) || units.Contains(o.AcceptingUnit) || (o.FindingUnit != null && units.Contains(o.FindingUnit)));
        else if (units.Count == 1)
            orders = orders.Where(o => o.ResponsibleUnit == units[0]);
        else if (units.Count > 1)
            orders = orders.Where(o => units.Contains(o.ResponsibleUnit));
        if (query.Open is { } open)
            orders = open ? orders.Where(o => o.ClosedAt == null) : orders.Where(o => o.ClosedAt != null);
        if (channel is { } c)
            orders = orders.Where(o => o.Channel == c);
        if (query.CreatedFrom is { } createdFrom)
            orders = orders.Where(o => o.CreatedAt >= createdFrom.ToUniversalTime());
        if (query.CreatedTo is { } createdTo)
            orders = orders.Where(o => o.CreatedAt < createdTo.ToUniversalTime());
        if (!string.IsNullOrWhiteSpace(query.Q))
            orders = orders.Where(o => o.Content.Contains(query.Q.Trim()));
        if (query.Urged is { } urged)
            orders = urged ? orders.Where(o => o.Urges > 0) : orders.Where(o => o.Urges == 0);
        if (query.Supervised is { } supervised)
            orders = supervised ? orders.Where(o => o.SupervisedAt != null) : orders.Where(o => o.SupervisedAt == null);
        orders = ByClocks(orders, db, query, clock.GetUtcNow());
        if (after is { } cursor)
            // Written so the first condition is an index range: a deep page seeks instead of scanning the pages before it.
            orders = orders.Where(o => o.CreatedAt <= cursor.CreatedAt && (o.CreatedAt < cursor.CreatedAt || o.Number.CompareTo(cursor.Number) < 0));

        var rows = await orders
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var items = await SummariesAsync(rows.Take(limit).ToList(), db, cancellationToken);
        var next = rows.Count > limit ? Cursor.Write(items[^1].CreatedAt, items[^1].Number) : null;
        return TypedResults.Ok(new Page(items, next));
    }

    /// <summary>The orders as list rows, customer masked, with the overdue flag and next due of their running clocks.</summary>
    public static async Task<List<Summary>> SummariesAsync(IReadOnlyList<WorkOrder> orders, CloseloopDb db, CancellationToken cancellationToken)
    {
        var running = await RunningClocksAsync(orders, db, cancellationToken);
        return orders.Select(o =>
        {
            var clocks = running[o.Id];
            var next = clocks.Where(c => c.State != ClockState.Paused).MinBy(c => c.Due);
            return new Summary(
                o.Id, o.Number, o.Type, o.Subtype, o.Channel, Closeloop.WorkOrders.Customer.MaskName(o.Customer.Name), o.Customer.Phone.Masked(),
                o.Content, o.Grade, o.ResponsibleUnit, o.Status, o.CreatedAt, o.UpdatedAt, o.ClosedAt,
                ClockView.AnyOverdue(clocks), next?.Due, next?.Policy, o.Urges, o.SupervisedAt is not null);
        }).ToList();
    }

    /// <summary>The clocks not yet stopped of a page of orders, in one look-up.</summary>
    public static async Task<ILookup<Guid, Clock>> RunningClocksAsync(IReadOnlyList<WorkOrder> orders, CloseloopDb db, CancellationToken cancellationToken)
    {
        var ids = orders.Select(o => o.Id).ToList();
        return (await db.Clocks.AsNoTracking().Where(c => ids.Contains(c.WorkOrderId) && c.StoppedAt == null).ToListAsync(cancellationToken))
            .ToLookup(c => c.WorkOrderId);
    }

    // Each clock filter asks whether the order has a clock (of the named policy) in that condition.
    private static IQueryable<WorkOrder> ByClocks(IQueryable<WorkOrder> orders, CloseloopDb db, Query query, DateTimeOffset now)
    {
        var clocks = query.Clock is { } policy ? db.Clocks.Where(c => c.Policy == policy) : db.Clocks;
        if (query.Overdue is { } overdue)
        {
            var late = clocks.Where(ClockView.MakesOverdue);
            orders = overdue ? orders.Where(o => late.Any(c => c.WorkOrderId == o.Id)) : orders.Where(o => !late.Any(c => c.WorkOrderId == o.Id));
        }
        if (query.DueWithinMinutes is { } minutes)
        {
            var horizon = now.AddMinutes(minutes);
            orders = orders.Where(o => clocks.Any(c => c.WorkOrderId == o.Id && c.StoppedAt == null && c.RunningSince != null && c.Due > now && c.Due <= horizon));
        }
        if (query.Breached is { } breached)
        {
            orders = breached
                ? orders.Where(o => clocks.Any(c => c.WorkOrderId == o.Id && c.State == ClockState.Breached))
                : orders.Where(o => !clocks.Any(c => c.WorkOrderId == o.Id && c.State == ClockState.Breached));
        }
        if (query.EscalatedTo is { } supervisor)
            orders = orders.Where(o => clocks.Any(c => c.WorkOrderId == o.Id && c.EscalatedTo == supervisor));
        if (query.Clock is not null && query is { Overdue: null, DueWithinMinutes: null, Breached: null, EscalatedTo: null })
            orders = orders.Where(o => clocks.Any(c => c.WorkOrderId == o.Id));
        return orders;
    }

    private static List<string> Split(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private readonly record struct Cursor(DateTimeOffset CreatedAt, string Number)
    {
        public static string Write(DateTimeOffset createdAt, string number) =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{number}"));

        public static Cursor? TryRead(string text)
        {
            try
            {
                var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|', 2);
                return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                       && ticks <= DateTimeOffset.MaxValue.UtcTicks
                    ? new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
