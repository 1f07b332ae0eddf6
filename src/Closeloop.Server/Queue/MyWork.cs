using Closeloop.Clocks;
using Closeloop.People;
using Closeloop.Presets;
using Closeloop.Problems;
using Closeloop.Server.Calendar;
using Closeloop.Server.Clocks;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Closeloop.Server.WorkOrders;
using Closeloop.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Queue;

/// <summary>
/// The orders waiting for a person (assigned to them) or their unit, in a status where one of their
/// roles has a step to take, nearest deadline first: what to work on next. A review is the approval
/// of the unit above, so a reviewer's queue also holds the handled orders of the units just below.
/// </summary>
public static class MyWork
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <param name="Mine">Only the orders assigned to me; otherwise everything my unit holds for my roles.</param>
    /// <param name="DueWithinMinutes">Only orders with a running clock due within so many minutes.</param>
    public sealed record Query(bool? Mine, string? Type, string? Status, bool? Overdue, int? DueWithinMinutes, string? Q, int? Limit);

    /// <param name="Actions">The steps the person may take on the order now.</param>
    /// <param name="Clocks">Its running and paused clocks, nearest due first.</param>
    public sealed record Item(
        Guid Id, string Number, string Type, string? Subtype, string CustomerName, string CustomerPhone, string Content, string? Grade,
        string Status, string? Assignee, DateTimeOffset CreatedAt, int Version, bool Overdue, int Urges, bool Supervised,
        IReadOnlyList<string> Actions, IReadOnlyList<ClockView> Clocks);

    /// <param name="Unit">The unit whose queue this is.</param>
    /// <param name="Statuses">The statuses in which the person's roles have a step to take.</param>
    public sealed record Answer(string Unit, IReadOnlyList<string> Statuses, IReadOnlyList<Item> Items);

    public static async Task<Results<Ok<Answer>, ValidationProblem, ProblemHttpResult>> Handle(
        [AsParameters] Query query, HttpContext http, CloseloopDb db, Rulebooks rulebooks, Calendars calendars, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var rules = rulebooks.Current;
        var authority = http.Authority(rules);
        if (!authority.May(Right.ReadOrders))
            return Refusals.Forbidden("A queue lists orders: it needs the readOrders right.");
        var errors = new FieldErrors();
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
            errors.Add("limit", Problem.Range(1, MaxLimit), $"must be between 1 and {MaxLimit}");
        if (query.Type is not null && !rules.Types.ContainsKey(query.Type))
            errors.Add("type", Problem.OneOf(query.Type, rules.Types.Keys), $"unknown value '{query.Type}' (known: {string.Join(", ", rules.Types.Keys)})");
        var workable = WorkableStatuses(rules, authority);
        var statuses = workable;
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            statuses = [.. query.Status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            foreach (var status in statuses.Where(s => !workable.Contains(s)))
                errors.Add("status", Problem.OneOf(status, workable), $"'{status}' is not a status your roles work on (yours: {string.Join(", ", workable)})");
        }
        if (query.DueWithinMinutes is < 1 or > Closeloop.Calendar.Period.MaxAmount)
            errors.Add("dueWithinMinutes", Problem.Range(1, Closeloop.Calendar.Period.MaxAmount), $"must be 1 to {Closeloop.Calendar.Period.MaxAmount}");
        errors.MaxLength("q", query.Q, 200);
        if (errors.Any)
            return errors.ToProblem();

        var person = authority.Person;
        var now = clock.GetUtcNow();
        var reviews = ReviewStatuses(rules, authority).Where(statuses.Contains).ToList();
        var below = rules.Org.Units.Where(u => u.ParentCode == person.Unit).Select(u => u.Code).ToList();
        var orders = db.WorkOrders.AsNoTracking().Where(o => o.ClosedAt == null && statuses.Contains(o.Status)
            && (o.ResponsibleUnit == person.Unit || (reviews.Contains(o.Status) && below.Contains(o.ResponsibleUnit))));
        if (query.Mine == true)
            orders = orders.Where(o => o.Assignee == person.UserName);
        if (query.Type is not null)
            orders = orders.Where(o => o.Type == query.Type);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            orders = orders.Where(o => o.Number == q || o.Content.Contains(q));
        }
        var running = db.Clocks.Where(c => c.StoppedAt == null);
        if (query.Overdue == true)
            orders = orders.Where(o => running.Where(ClockView.MakesOverdue).Any(c => c.WorkOrderId == o.Id));
        if (query.DueWithinMinutes is { } minutes)
        {
            var horizon = now.AddMinutes(minutes);
            orders = orders.Where(o => running.Any(c => c.WorkOrderId == o.Id && c.RunningSince != null && c.Due <= horizon));
        }
        var nearest = await orders
            .Select(o => new { Order = o, NextDue = running.Where(c => c.WorkOrderId == o.Id && c.RunningSince != null).Min(c => (DateTimeOffset?)c.Due) })
            .OrderBy(x => x.NextDue == null).ThenBy(x => x.NextDue).ThenBy(x => x.Order.CreatedAt)
            .Take(limit)
            .Select(x => x.Order)
            .ToListAsync(cancellationToken);

        var clocks = await ListWorkOrders.RunningClocksAsync(nearest, db, cancellationToken);
        var items = new List<Item>(nearest.Count);
        foreach (var order in nearest)
        {
            var rulebook = await rulebooks.GetAsync(order.RuleVersion, db, cancellationToken);
            var lifecycle = rulebook.RulesFor(order.AcceptingUnit).LifecycleOf(order.Type, order.Subtype);
            var orderClocks = clocks[order.Id].ToList();
            items.Add(new Item(
                order.Id, order.Number, order.Type, order.Subtype, Customer.MaskName(order.Customer.Name), order.Customer.Phone.Masked(), order.Content,
                order.Grade, order.Status, order.Assignee, order.CreatedAt, order.Version, ClockView.AnyOverdue(orderClocks), order.Urges,
                order.SupervisedAt is not null, [.. order.AllowedActions(lifecycle).Where(authority.MayTake)],
                [.. ClockView.ListOf(orderClocks, rulebook, calendars, now, explain: false).OrderBy(c => c.State == ClockState.Paused).ThenBy(c => c.Due)]));
        }
        return TypedResults.Ok(new Answer(person.Unit, workable, items));
    }

    // The statuses in which the person's roles may approve a unit's answer and pass it up.
    private static IEnumerable<string> ReviewStatuses(Rulebook rules, Authority authority) =>
        rules.Lifecycles.Values.SelectMany(l => l.Transitions).Where(t => t.PassUp is not null && authority.MayTake(t.Action)).Select(t => t.From).Distinct();

    /// <summary>The statuses, in any lifecycle, from which one of the person's roles may take a step.</summary>
    public static List<string> WorkableStatuses(Rulebook rules, Authority authority) =>
        [.. rules.Lifecycles.Values.SelectMany(l => l.Transitions).Where(t => authority.MayTake(t.Action)).Select(t => t.From).Distinct()];
}
