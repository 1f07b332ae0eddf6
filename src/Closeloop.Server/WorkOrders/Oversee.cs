using Closeloop.People;
using Closeloop.Server.Audit;
using Closeloop.Server.Calendar;
using Closeloop.Server.Notifications;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Closeloop.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// A supervisor urges (催办) or formally supervises (督办) an order of their subtree: the order is
/// flagged, its history says who and why, and the unit holding it is told through the outbox at once.
/// </summary>
public static class Oversee
{
    public sealed record Request(string? Reason);

    public static async Task<Results<Ok<WorkOrderView>, ValidationProblem, ProblemHttpResult>> Handle(
        string kind, string key, Request? request, HttpContext http, CloseloopDb db, Rulebooks rulebooks, Calendars calendars, Outbox outbox, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.MaxLength("reason", request?.Reason, 2000);
        if (errors.Any)
            return errors.ToProblem();
        var order = await db.WorkOrders.FindByKeyAsync(key, cancellationToken);
        if (order is null)
            return GetWorkOrder.NotFound(key);
        var authority = http.Authority(rulebooks.Current);
        if (!await db.IsSeenByAsync(order, authority, cancellationToken))
            return Refusals.Hidden(http, AuditTrail.OrderSubject(order.Number), GetWorkOrder.NotFound(key));
        var (right, verb) = kind == WorkOrderEvent.Urge ? (Right.Urge, ("催办", "urged")) : (Right.Supervise, ("督办", "put under supervision"));
        if (!authority.May(right))
            return Refusals.Forbidden($"'{kind}' needs the {kind} right.");

        var now = clock.GetUtcNow();
        var outcome = order.Oversee(kind, authority.Person.UserName, request?.Reason, now);
        if (outcome.Refusal is { } refusal)
            return TakeAction.Refused(refusal);
        var recorded = outcome.Recorded!;
        db.WorkOrderEvents.Add(recorded);
        db.Record(authority.Person, $"workOrder.{kind}", AuditTrail.OrderSubject(order.Number), now, recorded.Reason);
        db.OutboxMessages.Add(outbox.Write(
            $"workOrder.{kind}", order.ResponsibleUnit, order,
            $"工单{order.Number}被{verb.Item1}：{recorded.Reason}",
            $"Work order {order.Number} was {verb.Item2}: {recorded.Reason}",
            new { workOrderId = order.Id, number = order.Number, kind, by = authority.Person.UserName, reason = recorded.Reason },
            now, deliverAfter: now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TakeAction.Changed(order.Version - 1, StatusCodes.Status409Conflict);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            return TakeAction.Changed(order.Version - 1, StatusCodes.Status409Conflict);
        }
        var view = await GetWorkOrder.ViewAsync(order, db, rulebooks, calendars, now, cancellationToken);
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Ok(view);
    }
}
