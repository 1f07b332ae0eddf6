using Closeloop.Presets;
using Closeloop.WorkOrders;
using Microsoft.AspNetCore.Mvc;

namespace Closeloop.Server.WorkOrders;

public static class WorkOrdersApi
{
    /// <summary>
    /// Maps <c>/api/work-orders</c>. Each action of the rulebook's transition tables gets its own
    /// endpoint, so a preset that adds a step adds its endpoint without code.
    /// </summary>
    public static IEndpointRouteBuilder MapWorkOrders(this IEndpointRouteBuilder routes, Rulebook rulebook)
    {
        var orders = routes.MapGroup("/api/work-orders").WithTags("Work orders");
        orders.MapPost("/", CreateWorkOrder.Handle).WithName("CreateWorkOrder").WithSummary("Accept a request as a new work order (受理)");
        orders.MapGet("/", ListWorkOrders.Handle).WithName("ListWorkOrders").WithSummary("List work orders, newest first, page by page");
        orders.MapPost("/caller-history", CallerHistory.Handle).WithName("CallerHistory")
            .WithSummary("The earlier and open orders of a caller's phone number, masked, for the agent during the call");
        orders.MapGet("/counts", WorkOrderCounts.Handle).WithName("CountWorkOrders").WithSummary("How many orders a unit holds, by status and type");
        orders.MapGet("/{key}", GetWorkOrder.Handle).WithName("GetWorkOrder").WithSummary("A work order with its history, by id or number");
        orders.MapPost("/{key}/customer/reveal", RevealCustomer.Handle)
            .WithName("RevealCustomer").WithSummary("Show the customer's personal data unmasked; the view is logged");
        orders.MapGet("/{key}/customer/access-log", RevealCustomer.AccessLog)
            .WithName("CustomerAccessLog").WithSummary("Who was shown the customer's personal data, when and why");

        orders.MapPost($"/{{key}}/{WorkOrderEvent.Urge}", (string key, Oversee.Request? request, HttpContext http, Storage.CloseloopDb db, Presets.Rulebooks rulebooks,
                Calendar.Calendars calendars, Notifications.Outbox outbox, TimeProvider clock, CancellationToken cancellationToken) =>
                Oversee.Handle(WorkOrderEvent.Urge, key, request, http, db, rulebooks, calendars, outbox, clock, cancellationToken))
            .WithName("UrgeWorkOrder").WithSummary("Urge the unit holding the order to finish it (催办); it is told at once");
        orders.MapPost($"/{{key}}/{WorkOrderEvent.Supervise}", (string key, Oversee.Request? request, HttpContext http, Storage.CloseloopDb db, Presets.Rulebooks rulebooks,
                Calendar.Calendars calendars, Notifications.Outbox outbox, TimeProvider clock, CancellationToken cancellationToken) =>
                Oversee.Handle(WorkOrderEvent.Supervise, key, request, http, db, rulebooks, calendars, outbox, clock, cancellationToken))
            .WithName("SuperviseWorkOrder").WithSummary("Put the order under formal supervision (督办); the unit holding it is told at once");
        orders.MapGet("/oversight", OversightReport.Handle).WithName("OversightReport").WithSummary("Urged and supervised orders per unit, open and closed");

        foreach (var action in rulebook.Actions)
        {
            var code = action.Code;
            orders.MapPost($"/{{key}}/{code}", (string key, TakeAction.Request? request, [FromHeader(Name = "If-Match")] string? ifMatch, Storage.CloseloopDb db,
                    Presets.Rulebooks rulebooks, Calendar.Calendars calendars, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
                    TakeAction.Handle(code, key, request, ifMatch, db, rulebooks, calendars, clock, http, cancellationToken))
                .WithName($"WorkOrder_{code}")
                .WithSummary($"{action.Label.En} ({action.Label.Zh})");
        }
        return routes;
    }
}
