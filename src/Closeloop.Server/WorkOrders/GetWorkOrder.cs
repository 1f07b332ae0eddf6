using Closeloop.Server.Presets;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.WorkOrders;

/// <summary>One order with its whole history, by id or number.</summary>
public static class GetWorkOrder
{
    public static async Task<Results<Ok<WorkOrderView>, ProblemHttpResult>> Handle(
        string key, CloseloopDb db, Rulebooks rulebooks, HttpContext http, CancellationToken cancellationToken)
    {
        var order = await db.WorkOrders.AsNoTracking().FindByKeyAsync(key, cancellationToken);
        if (order is null)
            return NotFound(key);
        var history = await db.HistoryAsync(order.Id, cancellationToken);
        var view = WorkOrderView.Of(order, await rulebooks.LifecycleOfAsync(order, db, cancellationToken), history);
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Ok(view);
    }

    public static ProblemHttpResult NotFound(string key) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such work order", detail: $"No work order has the id or number '{key}'.");
}
