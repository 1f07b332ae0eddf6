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
    public sealed record Request(string? Actor, string? Reason);

    public sealed record Access(string Actor, string Reason, DateTimeOffset At);

    public static async Task<Results<Ok<CustomerView>, ValidationProblem, ProblemHttpResult>> Handle(
        string key, Request? request, CloseloopDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var actor = errors.MaxLength("actor", errors.Required("actor", request?.Actor), 100);
        var reason = errors.MaxLength("reason", errors.Required("reason", request?.Reason), 1000);
        if (errors.Any)
            return errors.ToProblem();

        var order = await db.WorkOrders.AsNoTracking().FindByKeyAsync(key, cancellationToken);
        if (order is null)
            return GetWorkOrder.NotFound(key);
        db.PersonalDataAccess.Add(new PersonalDataAccess { WorkOrderId = order.Id, Actor = actor!, Reason = reason!, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CustomerView.Plain(order.Customer));
    }

    public static async Task<Results<Ok<List<Access>>, ProblemHttpResult>> AccessLog(string key, CloseloopDb db, CancellationToken cancellationToken)
    {
        var order = await db.WorkOrders.AsNoTracking().FindByKeyAsync(key, cancellationToken);
        if (order is null)
            return GetWorkOrder.NotFound(key);
        var log = await db.PersonalDataAccess.AsNoTracking()
            .Where(a => a.WorkOrderId == order.Id)
            .OrderBy(a => a.Id)
            .Select(a => new Access(a.Actor, a.Reason, a.At))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(log);
    }
}
