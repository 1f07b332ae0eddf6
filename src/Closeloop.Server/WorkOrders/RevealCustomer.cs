using Closeloop.People;
using Closeloop.Server.Audit;
using Closeloop.Server.People;
using Closeloop.Server.Presets;
using Closeloop.Server.Problems;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>
/// Shows a customer's unmasked name, phone and address to someone who says why; every such view is
/// written to the personal-data access log, which <see cref="AccessLog"/> reads back.
/// </summary>
public static class RevealCustomer
{
    public sealed record Request(string? Reason);

    public sealed record Access(string Actor, string Reason, DateTimeOffset At);

    public static async Task<Results<Ok<CustomerView>, ValidationProblem, ProblemHttpResult>> Handle(
        string key, Request? request, HttpContext http, CloseloopDb db, Rulebooks rulebooks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = errors.MaxLength("reason", errors.Required("reason", request?.Reason), 1000);
        if (errors.Any)
            return errors.ToProblem();

        var order = await db.WorkOrders.AsNoTracking().FindByKeyAsync(key, cancellationToken);
        if (order is null)
            return GetWorkOrder.NotFound(key);
        var authority = http.Authority(rulebooks.Current);
        if (!await db.IsSeenByAsync(order, authority, cancellationToken))
            return Refusals.Hidden(http, AuditTrail.OrderSubject(order.Number), GetWorkOrder.NotFound(key));
        // Those working the order need the customer's phone and address; others only with a role that allows it.
        var rulebook = await rulebooks.GetAsync(order.RuleVersion, db, cancellationToken);
        var allowedNow = order.AllowedActions(rulebook.RulesFor(order.AcceptingUnit).LifecycleOf(order.Type, order.Subtype));
        if (!authority.Works(order, allowedNow) && !authority.May(Right.RevealCustomer))
            return Refusals.Forbidden("Only people working the order, or roles with the revealCustomer right, may see the customer's data.");
        var now = clock.GetUtcNow();
        db.PersonalDataAccess.Add(new PersonalDataAccess { WorkOrderId = order.Id, Actor = authority.Person.UserName, Reason = reason!, At = now });
        db.Record(authority.Person, "customer.reveal", AuditTrail.OrderSubject(order.Number), now, reason);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CustomerView.Plain(order.Customer));
    }

    public static async Task<Results<Ok<List<Access>>, ProblemHttpResult>> AccessLog(
        string key, HttpContext http, CloseloopDb db, Rulebooks rulebooks, CancellationToken cancellationToken)
    {
        var order = await db.WorkOrders.AsNoTracking().FindByKeyAsync(key, cancellationToken);
        if (order is null)
            return GetWorkOrder.NotFound(key);
        var authority = http.Authority(rulebooks.Current);
        if (!await db.IsSeenByAsync(order, authority, cancellationToken))
            return Refusals.Hidden(http, AuditTrail.OrderSubject(order.Number), GetWorkOrder.NotFound(key));
        if (!authority.May(Right.ReadAudit))
            return Refusals.Forbidden("The personal-data access log is for auditors (the readAudit right).");
        var log = await db.PersonalDataAccess.AsNoTracking()
            .Where(a => a.WorkOrderId == order.Id)
            .OrderBy(a => a.Id)
            .Select(a => new Access(a.Actor, a.Reason, a.At))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(log);
    }
}
