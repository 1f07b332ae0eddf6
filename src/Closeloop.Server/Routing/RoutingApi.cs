namespace Closeloop.Server.Routing;

public static class RoutingApi
{
    /// <summary>Maps <c>/api/routing</c>: where the routing rules would send an order.</summary>
    public static IEndpointRouteBuilder MapRouting(this IEndpointRouteBuilder routes)
    {
        var routing = routes.MapGroup("/api/routing").WithTags("Routing");
        routing.MapGet("/suggestion", SuggestUnit.Handle).WithName("SuggestUnit")
            .WithSummary("The unit an order of this type, area and customer class should go to, and the rule that says so");
        return routes;
    }
}
