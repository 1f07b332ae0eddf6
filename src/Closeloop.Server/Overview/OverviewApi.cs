namespace Closeloop.Server.Overview;

public static class OverviewApi
{
    /// <summary>Maps <c>GET /api/work-orders/overview</c>, the figures of the manager's overview page.</summary>
    public static IEndpointRouteBuilder MapOverview(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/work-orders/overview", ManagerOverview.Handle).WithTags("Work orders").WithName("ManagerOverview")
            .WithSummary("Open orders by status, type and child unit, overdue and due-soon orders, and per day the orders accepted and deadlines kept");
        return routes;
    }
}
