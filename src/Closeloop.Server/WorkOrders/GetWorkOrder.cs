using Closeloop.People;
using Closeloop.Server.Audit;
using Closeloop.Server.Calendar;
using Closeloop.Server.Clocks;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Storage;
using Closeloop.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>One order with its whole history, by id or number.</summary>
public static class GetWorkOrder
{
    public static async Task<Results<Ok<WorkOrderView>, ProblemHttpResult>> Handle(
        string key, CloseloopDb db, Rulebooks rulebooks, Calendars calendars, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var authority = http.Authority(rulebooks.Current);
        if (!authority.May(Right.ReadOrders))
            return Refusals.Forbidden("Reading orders needs the readOrders right.");
        var order = await db.WorkOrders.AsNoTracking().FindByKeyAsync(key, cancellationToken);
        if (order is null)
            return NotFound(key);
        var history = await db.HistoryAsync(order.Id, cancellationToken);
        if (!authority.Sees(order, history.SelectMany(e => e.Changes.Route ?? [])))
            return Refusals.Hidden(http, AuditTrail.OrderSubject(order.Number), NotFound(key));
        var view = await ViewAsync(order, db, rulebooks, calendars, clock.GetUtcNow(), cancellationToken, history);
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Ok(view);
    }

    /// <summary>The whole order: history, and every clock with the days it counts.</summary>
    /// <param name="history">The order's history when the caller has read it already.</param>
    public static async Task<WorkOrderView> ViewAsync(
        WorkOrder order, CloseloopDb db, Rulebooks rulebooks, Calendars calendars, DateTimeOffset now, CancellationToken cancellationToken,
        IReadOnlyList<WorkOrderEvent>? history = null)
    {
        var rulebook = await rulebooks.GetAsync(order.RuleVersion, db, cancellationToken);
        history ??= await db.HistoryAsync(order.Id, cancellationToken);
        var clocks = await db.Clocks.AsNoTracking().Where(c => c.WorkOrderId == order.Id).ToListAsync(cancellationToken);
        return WorkOrderView.Of(
            order, rulebook.RulesFor(order.AcceptingUnit).LifecycleOf(order.Type, order.Subtype), rulebook, calendars.ByUnit(rulebook)(order.AcceptingUnit), history,
            ClockView.ListOf(clocks, rulebook, calendars, now, explain: true));
    }

    public static ProblemHttpResult NotFound(string key) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such work order", detail: $"No work order has the id or number '{key}'.");
}
